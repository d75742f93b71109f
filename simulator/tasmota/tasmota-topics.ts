import { colonMac } from './tasmota-identity';
import { MAX_FRIENDLY_NAMES } from './tasmota-settings';
import { localIso, type TasmotaRuntime } from './tasmota-runtime';

export type PrefixKind = 0 | 1 | 2;

/** Expands FullTopic (`%prefix%/%topic%/`) for one prefix (cmnd/stat/tele); always ends with `/`. */
export function expandFullTopic(
  runtime: TasmotaRuntime,
  prefix: PrefixKind,
  topic = runtime.settings.topic,
): string {
  const { settings, identity } = runtime;
  let text = settings.fullTopic
    .replace(/%prefix%/g, settings.prefixes[prefix])
    .replace(/%topic%/g, topic)
    .replace(/%hostname%/g, settings.hostname)
    .replace(/%id%/g, identity.mac);
  if (!text.endsWith('/')) text += '/';
  return text;
}

export const statTopic = (runtime: TasmotaRuntime, suffix: string): string =>
  expandFullTopic(runtime, 1) + suffix;
export const teleTopic = (runtime: TasmotaRuntime, suffix: string): string =>
  expandFullTopic(runtime, 2) + suffix;

export type CommandSource = 'own' | 'group' | 'fallback';

/** The `cmnd` topic prefixes a device subscribes to (with `#`), in match order (§2.1). */
export function commandPrefixes(runtime: TasmotaRuntime): Array<{ source: CommandSource; prefix: string }> {
  const { settings, identity } = runtime;
  const prefixes: Array<{ source: CommandSource; prefix: string }> = [
    { source: 'own', prefix: expandFullTopic(runtime, 0) },
  ];
  // Group topics and the fallback topic are subscribed only when FullTopic has %topic%
  // (xdrv_02_9_mqtt.ino MqttConnected).
  if (settings.fullTopic.includes('%topic%')) {
    for (const group of settings.groupTopics.filter((g) => g !== '')) {
      const forced = settings.setOptions[75] === 1;
      prefixes.push({
        source: 'group',
        prefix: forced ? `cmnd/${group}/` : expandFullTopic(runtime, 0, group),
      });
    }
    prefixes.push({ source: 'fallback', prefix: `cmnd/${identity.fallbackTopic}/` });
  }
  return prefixes;
}

const padded = <T>(values: readonly T[], fill: T): T[] =>
  Array.from({ length: MAX_FRIENDLY_NAMES }, (_, i) => (i < values.length ? values[i] : fill));

const DISCOVERY_OPTIONS = [4, 11, 13, 17, 20, 30, 68, 73, 82, 114, 117];

/** Retained `tasmota/discovery/<MAC>/config` (§2.2), keys in firmware order. */
export function discoveryConfig(runtime: TasmotaRuntime): Record<string, unknown> {
  const { settings, identity } = runtime;
  const relays = identity.model.relays;
  return {
    ip: '127.0.0.1',
    dn: settings.deviceName,
    fn: padded(settings.friendlyNames, null),
    hn: settings.hostname,
    mac: identity.mac,
    md: identity.model.module,
    ty: 0,
    if: 0,
    ofln: 'Offline',
    onln: 'Online',
    state: ['OFF', 'ON', 'TOGGLE', 'HOLD'],
    sw: runtime.swVersion,
    t: settings.topic,
    ft: settings.fullTopic,
    tp: [...settings.prefixes],
    rl: padded(
      Array.from({ length: relays }, () => 1),
      0,
    ),
    swc: padded([], -1),
    swn: padded([], null),
    btn: padded([], 0),
    so: Object.fromEntries(DISCOVERY_OPTIONS.map((n) => [String(n), settings.setOptions[n] ?? 0])),
    lk: 0,
    lt_st: 0,
    bat: 0,
    dslp: 0,
    sho: [],
    sht: [],
    ver: 1,
  };
}

/** Retained `tasmota/discovery/<MAC>/sensors`: `{sn: <tele SENSOR>, ver: 1}`. */
export function discoverySensors(runtime: TasmotaRuntime, now = new Date()): Record<string, unknown> {
  return { sn: { Time: localIso(now, runtime.settings.timezone) }, ver: 1 };
}

export { colonMac };
