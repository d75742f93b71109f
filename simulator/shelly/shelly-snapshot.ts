import type { DeviceSnapshot } from '../control/device-snapshot';
import { describeFault } from '../faults/fault-types';
import type { ShellyDevice } from './shelly-device';

/** The control API's view of a Shelly: firmware, the config a batch job touches, counters, faults. */
export function shellySnapshot(device: ShellyDevice): DeviceSnapshot {
  const { state } = device;
  return {
    family: 'shelly',
    ref: `s${device.index}`,
    id: device.id,
    mac: device.mac,
    model: device.model,
    host: device.host,
    port: device.port,
    online: device.isOnline,
    firmware: { version: state.ver, fwId: state.fwId },
    config: {
      name: state.name,
      auth_en: state.ha1 !== null,
      auth_style: device.authStyle,
      cfg_rev: state.cfgRev,
      restart_required: state.restartRequired,
      tz: state.sys.location.tz,
      mqtt: { enable: state.mqtt.enable, server: state.mqtt.server },
      wifi_sta_ssid: (state.wifi.sta as { ssid?: unknown } | undefined)?.ssid ?? null,
      uptime: state.uptimeSeconds(),
    },
    counters: { ...device.counters },
    faults: device.faults.map(describeFault),
  };
}
