import type { ShellyIdentity } from './shelly-identity';

export type Json = Record<string, unknown>;

/** The writable part of `Sys.GetConfig` (read-only fields such as `mac` and `fw_id` are added on read). */
export interface SysSettings {
  device: { name: string | null; eco_mode: boolean; discoverable: boolean };
  location: { tz: string | null; lat: number | null; lon: number | null };
  debug: Json;
  ui_data: Json;
  rpc_udp: Json;
  sntp: { server: string };
}

/** Factory configuration; `Shelly.FactoryReset` returns every component to these. */
export function defaultSys(): SysSettings {
  return {
    device: { name: null, eco_mode: false, discoverable: true },
    location: { tz: 'Europe/Sofia', lat: 42.6534, lon: 23.3184 },
    debug: {
      level: 2,
      file_level: null,
      mqtt: { enable: false },
      websocket: { enable: false },
      udp: { addr: null },
    },
    ui_data: {},
    rpc_udp: { dst_addr: null, listen_port: null },
    sntp: { server: 'time.google.com' },
  };
}

export function defaultWifi(identity: ShellyIdentity): Json {
  return {
    ap: { ssid: identity.instanceName, is_open: true, enable: false, range_extender: { enable: false } },
    sta: {
      ssid: 'fieldbatch-sim',
      is_open: false,
      enable: true,
      ipv4mode: 'dhcp',
      ip: null,
      netmask: null,
      gw: null,
      nameserver: null,
    },
    sta1: {
      ssid: null,
      is_open: true,
      enable: false,
      ipv4mode: 'dhcp',
      ip: null,
      netmask: null,
      gw: null,
      nameserver: null,
    },
    roam: { rssi_thr: -80, interval: 60 },
  };
}

export function defaultMqtt(identity: ShellyIdentity): Json {
  return {
    enable: false,
    server: null,
    client_id: identity.id,
    user: null,
    ssl_ca: null,
    topic_prefix: identity.id,
    rpc_ntf: true,
    status_ntf: false,
    use_client_cert: false,
    enable_rpc: true,
    enable_control: true,
  };
}

export function defaultSwitch(id: number): Json {
  return {
    id,
    name: null,
    in_mode: 'follow',
    initial_state: 'match_input',
    auto_on: false,
    auto_on_delay: 60,
    auto_off: false,
    auto_off_delay: 60,
  };
}
