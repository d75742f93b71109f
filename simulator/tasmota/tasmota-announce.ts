import { stateSection } from './tasmota-status';
import { versionString } from './tasmota-runtime';
import type { TasmotaDevice } from './tasmota-device';
import { discoveryConfig, discoverySensors, expandFullTopic, teleTopic } from './tasmota-topics';

type Publish = (topic: string, payload: string, retain?: boolean) => void;

/**
 * What a device publishes when MQTT connects (§2.1, §2.2): LWT `Online` (retained) every time; INFO1-3 only
 * on the first connect after boot (xdrv_02_9_mqtt.ino MqttConnected: `Mqtt.initial_connection_state`); and
 * the retained native discovery config/sensors, or empty retained payloads to clear them when discovery is
 * off (`SetOption19 1`) or the device is `offline unadvertised`. The firmware sends discovery once per boot,
 * about 10 s after that first connect (xdrv_12_discovery.ino TasDiscoverInit); the simulator sends it at
 * once and again on reconnects (the retained copy is the same), so a fleet is found without waiting.
 */
export function publishOnline(device: TasmotaDevice, publish: Publish, isFirstSinceBoot: boolean): void {
  const { settings, identity } = device;
  publish(teleTopic(device, 'LWT'), 'Online', true);
  if (isFirstSinceBoot) publishInfo(device, publish);
  const base = `tasmota/discovery/${identity.mac}`;
  const advertised = settings.setOptions[19] !== 1 && device.deviceFaults.isAdvertised();
  publish(`${base}/config`, advertised ? JSON.stringify(discoveryConfig(device)) : '', true);
  publish(`${base}/sensors`, advertised ? JSON.stringify(discoverySensors(device)) : '', true);
}

/** INFO1-3 (xdrv_02_9_mqtt.ino MqttConnected); INFO3 carries this boot's number (BootCount). */
function publishInfo(device: TasmotaDevice, publish: Publish): void {
  const { settings, identity } = device;
  const groupTopic =
    settings.groupTopics[0] === '' ? '' : expandFullTopic(device, 0, settings.groupTopics[0]);
  publish(
    teleTopic(device, 'INFO1'),
    JSON.stringify({
      Info1: {
        Module: identity.model.module,
        Version: versionString(device),
        FallbackTopic: `cmnd/${identity.fallbackTopic}/`,
        GroupTopic: groupTopic,
      },
    }),
  );
  publish(
    teleTopic(device, 'INFO2'),
    JSON.stringify({
      Info2: { WebServerMode: 'Admin', Hostname: settings.hostname, IPAddress: '127.0.0.1' },
    }),
  );
  publish(
    teleTopic(device, 'INFO3'),
    JSON.stringify({ Info3: { RestartReason: device.restartReason, BootCount: settings.bootCount } }),
  );
}

/** `tele/<topic>/STATE` every TelePeriod (or `intervalMs` when the fleet overrides it); returns a stop function. */
export function startTelemetry(
  device: TasmotaDevice,
  intervalMs: number | undefined,
  publish: Publish,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    const period = device.settings.telePeriod;
    if (period > 0 || intervalMs !== undefined)
      publish(teleTopic(device, 'STATE'), JSON.stringify(stateSection(device)));
    timer = setTimeout(tick, intervalMs ?? Math.max(period, 10) * 1000);
  };
  timer = setTimeout(tick, intervalMs ?? Math.max(device.settings.telePeriod, 10) * 1000);
  return () => clearTimeout(timer);
}
