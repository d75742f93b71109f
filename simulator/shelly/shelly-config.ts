import type { Json } from './shelly-defaults';
import type { ShellyState } from './shelly-state';

const copy = <T>(value: T): T => structuredClone(value);

/** `Sys.GetConfig` (PROTOCOLS.md §1.4): the writable settings plus read-only `mac`, `fw_id`, `profile`. */
export function sysConfig(state: ShellyState): Json {
  const { sys } = state;
  const device: Json = {
    name: sys.device.name,
    eco_mode: sys.device.eco_mode,
    mac: state.identity.mac,
    fw_id: state.fwId,
    discoverable: sys.device.discoverable,
  };
  if (state.identity.model.profile !== undefined) device.profile = state.identity.model.profile;
  return {
    device,
    location: copy(sys.location),
    debug: copy(sys.debug),
    ui_data: copy(sys.ui_data),
    rpc_udp: copy(sys.rpc_udp),
    sntp: copy(sys.sntp),
    cfg_rev: state.cfgRev,
  };
}

/** `Switch.GetConfig` for one switch. */
export function switchConfig(state: ShellyState, id: number): Json {
  return copy(state.switchConfigs[id]);
}

/** `Shelly.GetConfig`: every component's config keyed by component key. */
export function shellyConfig(state: ShellyState): Json {
  const config: Json = {
    ble: { enable: true, rpc: { enable: true } },
    cloud: { enable: false, server: 'iot.shelly.cloud:6012/jrpc' },
    mqtt: copy(state.mqtt),
    sys: sysConfig(state),
    wifi: copy(state.wifi),
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
    config[`switch:${switchId}`] = switchConfig(state, switchId);
  });
  return config;
}
