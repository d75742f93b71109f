import type { ShellyConfigChange } from '../../../../shared/domain/device-actions';

/** Pure planning and read-back comparison for Shelly config changes (PROTOCOLS.md §1.4). */

type Json = Record<string, unknown>;

/** One `<Component>.SetConfig` and the `GetConfig` that reads it back. */
export interface ConfigWrite {
  /** Component key as in `Shelly.GetConfig` (`sys`, `wifi`, `mqtt`, `switch:0`). */
  component: string;
  setMethod: string;
  setParams: Json;
  getMethod: string;
  getParams?: Json;
  /** The fields written, as the read-back must show them. */
  expected: Json;
}

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isEmpty = (value: Json) => Object.keys(value).length === 0;

/** Drops `undefined` members and objects left empty: a field the step does not set is neither written nor compared. */
function defined(value: Json): Json {
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const kept = isRecord(v) ? defined(v) : v;
    if (!isRecord(kept) || !isEmpty(kept)) out[key] = kept;
  }
  return out;
}

/** The writes a change needs, in a stable order (sys, wifi, mqtt, then switches by id); empty parts skipped. */
export function planConfigWrites(change: ShellyConfigChange): ConfigWrite[] {
  const writes: ConfigWrite[] = [];
  const component = (name: string, prefix: string, config: Json | undefined) => {
    if (!config || isEmpty(defined(config))) return;
    const expected = defined(config);
    writes.push({
      component: name,
      setMethod: `${prefix}.SetConfig`,
      setParams: { config: expected },
      getMethod: `${prefix}.GetConfig`,
      expected,
    });
  };
  component('sys', 'Sys', change.sys);
  component('wifi', 'Wifi', change.wifi);
  component('mqtt', 'Mqtt', change.mqtt);
  for (const { id, ...config } of [...(change.switches ?? [])].sort((a, b) => a.id - b.id)) {
    const expected = defined(config);
    if (isEmpty(expected)) continue;
    writes.push({
      component: `switch:${id}`,
      setMethod: 'Switch.SetConfig',
      setParams: { id, config: expected },
      getMethod: 'Switch.GetConfig',
      getParams: { id },
      expected,
    });
  }
  return writes;
}

/** Devices store coordinates as floats; anything closer than this reads back as equal. */
const NUMBER_TOLERANCE = 1e-6;

function same(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number')
    return Math.abs(expected - actual) <= NUMBER_TOLERANCE;
  return expected === actual;
}

/** Every written field whose read-back differs, as `path: expected X, read back Y`. */
export function configMismatches(expected: Json, actual: unknown, path: string): string[] {
  const out: string[] = [];
  for (const [key, want] of Object.entries(expected)) {
    const where = `${path}.${key}`;
    const got = isRecord(actual) ? actual[key] : undefined;
    if (isRecord(want)) out.push(...configMismatches(want, got, where));
    else if (!same(want, got))
      out.push(`${where}: expected ${JSON.stringify(want)}, read back ${JSON.stringify(got) ?? 'nothing'}`);
  }
  return out;
}

/** How many leaf settings a write sets (for the summary). */
export function settingCount(expected: Json): number {
  return Object.values(expected).reduce<number>(
    (sum, value) => sum + (isRecord(value) ? settingCount(value) : 1),
    0,
  );
}

/** `{restart_required: true}` in a SetConfig reply. */
export function needsRestart(reply: unknown): boolean {
  return isRecord(reply) && reply.restart_required === true;
}
