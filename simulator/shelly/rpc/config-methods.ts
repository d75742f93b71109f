import { switchConfig } from '../shelly-config';
import type { RpcMethodTable } from './rpc-router';
import type { ShellyRpcDevice } from './shelly-rpc-device';
import { mergeConfig } from './merge-config';
import { switchId } from './switch-methods';

/**
 * `<Component>.SetConfig` (§1.4): `{config: {...partial}}` → `{restart_required}`. Wifi and Sys changes
 * apply at once; MQTT changes need a reboot, as on the devices.
 */
export const configMethods: RpcMethodTable<ShellyRpcDevice> = {
  'Sys.SetConfig': ({ device, params }) => {
    const { config } = mergeConfig(device.state.sys, params);
    device.state.sys = config;
    device.configChanged('sys', false);
    return { restart_required: false };
  },
  'Wifi.GetConfig': ({ device }) => structuredClone(device.state.wifi),
  'Wifi.SetConfig': ({ device, params }) => {
    device.state.wifi = mergeConfig(device.state.wifi, params).config;
    device.configChanged('wifi', false);
    return { restart_required: false };
  },
  'Wifi.GetStatus': ({ device }) => ({
    sta_ip: '127.0.0.1',
    status: 'got ip',
    ssid: device.state.wifi.sta && (device.state.wifi.sta as { ssid: unknown }).ssid,
    rssi: -58,
  }),
  'Mqtt.GetConfig': ({ device }) => structuredClone(device.state.mqtt),
  'Mqtt.SetConfig': ({ device, params }) => {
    const { config, changed } = mergeConfig(device.state.mqtt, params);
    device.state.mqtt = config;
    device.configChanged('mqtt', changed);
    return { restart_required: changed };
  },
  'Mqtt.GetStatus': () => ({ connected: false }),
  'Switch.SetConfig': ({ device, params }) => {
    const id = switchId(device, params);
    const current = switchConfig(device.state, id);
    device.state.switchConfigs[id] = mergeConfig(current, params).config;
    device.configChanged(`switch:${id}`, false);
    return { restart_required: false };
  },
};
