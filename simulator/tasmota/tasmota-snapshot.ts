import type { DeviceSnapshot } from '../control/device-snapshot';
import { describeFault } from '../faults/fault-types';
import type { TasmotaDevice } from './tasmota-device';

/** The control API's view of a Tasmota device. */
export function tasmotaSnapshot(device: TasmotaDevice): DeviceSnapshot {
  const { settings } = device;
  return {
    family: 'tasmota',
    ref: `t${device.index}`,
    id: device.id,
    mac: device.mac,
    model: device.module,
    host: device.host,
    port: device.port,
    online: device.isOnline,
    firmware: { version: device.version },
    config: {
      device_name: settings.deviceName,
      friendly_names: [...settings.friendlyNames],
      topic: settings.topic,
      full_topic: settings.fullTopic,
      mqtt_host: settings.mqttHost,
      mqtt_port: settings.mqttPort,
      ota_url: settings.otaUrl,
      timezone: settings.timezone,
      tele_period: settings.telePeriod,
      set_options: { ...settings.setOptions },
      web_password_set: settings.webPassword !== '',
      mqtt_connected: device.mqttConnected,
      uptime: device.uptimeSeconds(),
    },
    counters: { ...device.counters },
    faults: device.faults.map(describeFault),
    ...(device.serialPath !== undefined ? { serialPath: device.serialPath } : {}),
  };
}
