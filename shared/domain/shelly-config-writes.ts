import type { ShellyConfigChange } from './device-actions';

/** The `<Component>.SetConfig` calls a Shelly config change makes (PROTOCOLS.md §1.4), used by the driver and the form. */

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

/**
 * What a config change sends, as the device's own commands, one per line: `Sys.SetConfig {"config":{…}}` for a
 * Shelly, the one `Backlog c1 v1; c2 v2` the Tasmota driver sends (PROTOCOLS.md §2.4). Empty when nothing
 * would be sent yet.
 */
export function configCommandLines(change: {
  shelly?: ShellyConfigChange;
  tasmota?: { commands: readonly { command: string; value: string }[] };
}): string[] {
  const lines = change.shelly
    ? planConfigWrites(change.shelly).map((w) => `${w.setMethod} ${JSON.stringify(w.setParams)}`)
    : [];
  const commands = (change.tasmota?.commands ?? [])
    .map((c) => `${c.command ?? ''} ${c.value ?? ''}`.trim())
    .filter((line) => line !== '');
  if (commands.length > 0) lines.push(`Backlog ${commands.join('; ')}`);
  return lines;
}
