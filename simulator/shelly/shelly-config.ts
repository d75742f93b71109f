import type { ShellyState } from './shelly-state';

type Json = Record<string, unknown>;

/** `Sys.GetConfig` (PROTOCOLS.md §1.4). */
export function sysConfig(state: ShellyState): Json {
  const device: Json = {
    name: state.name,
    eco_mode: state.ecoMode,
    mac: state.identity.mac,
    fw_id: state.fwId,
    discoverable: state.discoverable,
  };
  if (state.identity.model.profile !== undefined) device.profile = state.identity.model.profile;
  return {
    device,
    location: { ...state.location },
    debug: {
      level: 2,
      file_level: null,
      mqtt: { enable: false },
      websocket: { enable: false },
      udp: { addr: null },
    },
    ui_data: {},
    rpc_udp: { dst_addr: null, listen_port: null },
    sntp: { server: state.sntpServer },
    cfg_rev: state.cfgRev,
  };
}

/** `Switch.GetConfig` for one switch. */
export function switchConfig(id: number): Json {
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

/** `Shelly.GetConfig`: every component's config keyed by component key. */
export function shellyConfig(state: ShellyState): Json {
  const { id } = state.identity;
  const config: Json = {
    ble: { enable: true, rpc: { enable: true } },
    cloud: { enable: false, server: 'iot.shelly.cloud:6012/jrpc' },
    mqtt: {
      enable: false,
      server: null,
      client_id: id,
      user: null,
      topic_prefix: id,
      rpc_ntf: true,
      status_ntf: false,
    },
    sys: sysConfig(state),
    wifi: {
      ap: { ssid: state.identity.instanceName, is_open: true, enable: false },
      sta: { ssid: 'fieldbatch-sim', is_open: false, enable: true, ipv4mode: 'dhcp' },
    },
    ws: { enable: false, server: null, ssl_ca: 'ca.pem' },
  };
  state.switchOutputs.forEach((_, switchId) => {
    config[`input:${switchId}`] = {
      id: switchId,
      name: null,
      type: 'switch',
      invert: false,
      factory_reset: true,
    };
    config[`switch:${switchId}`] = switchConfig(switchId);
  });
  return config;
}
