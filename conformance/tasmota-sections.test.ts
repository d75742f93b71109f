import { describe, expect, it } from 'vitest';
import { DeviceError } from '../electron/core/device-error';
import { parseConsoleLine } from '../electron/core/drivers/tasmota/tasmota-console';
import { parseStatus0 } from '../electron/core/drivers/tasmota/tasmota-protocol';
import type { Json, TasmotaResult } from '../electron/core/drivers/tasmota/tasmota-reply';
import { consoleResult } from '../electron/core/drivers/tasmota/tasmota-serial-channel';
import {
  statusSections,
  statusSectionsWanted,
  type StatusSectionsWanted,
} from '../electron/core/drivers/tasmota/tasmota-status-sections';
import { readFixtureJson, readFixtureLines } from './fixture-files';

// Real `Status 0` answers (fixtures/real-devices/tasmota) through the section collector: the MQTT messages
// in their order, reversed and among real telemetry, and the console lines with the device's own cut.

const STATUS_0 = { name: 'Status', value: '0' };
const wanted = statusSectionsWanted(STATUS_0, { isMqttOn: true }) as StatusSectionsWanted;
const messages = readFixtureJson<{ topic: string; payload: string }[]>(
  'tasmota/mqtt-sections',
  '15.4.0-esp32-nspanel-status-0.json',
);
const consoleLines = readFixtureLines('tasmota/console', '15.4.0-esp32-nspanel-mqtt.log');

const asResult = (m: { topic: string; payload: string }): TasmotaResult => ({
  level: m.topic.split('/').pop()!,
  payload: m.payload,
});

/** Feeds results until the collector settles; the value, or undefined when it never did. */
function collect(results: TasmotaResult[]): Json | undefined {
  const collector = statusSections(STATUS_0, wanted);
  for (const result of results) {
    const value = collector.accept(result);
    if (value !== undefined) return value;
  }
  return undefined;
}

const joined = Object.assign({}, ...messages.map((m) => JSON.parse(m.payload) as Json)) as Json;

describe('real Status 0 sections (Tasmota 15.4.0, ESP32, no energy driver: no STATUS8/9)', () => {
  it('settle into the merged object in the order the device sent them', () => {
    expect(collect(messages.map(asResult))).toEqual(joined);
  });

  it('settle the same in reverse order and between the real telemetry the device published', () => {
    const telemetry = consoleLines
      .map(parseConsoleLine)
      .flatMap((l) =>
        l.kind === 'result' && /\/tele\//.test(l.topic) ? [{ level: l.command, payload: l.payload }] : [],
      );
    expect(telemetry.length).toBeGreaterThan(0);
    const mixed = [...messages].reverse().flatMap((m, i) => [asResult(m), telemetry[i % telemetry.length]!]);
    expect(collect(mixed)).toEqual(joined);
    expect(parseStatus0(joined).ok).toBe(true);
  });

  it('wait when a required section never comes', () => {
    expect(collect(messages.filter((m) => !m.topic.endsWith('/STATUS5')).map(asResult))).toBeUndefined();
  });
});

describe('the real console answer whose last line the device glued to its reboot output', () => {
  // The second `Status 0` of the capture (16:11:22.818) was followed by `Restart 1`: the STATUS11 line ends
  // in the first boot line without a line break.
  const start = consoleLines.findIndex((l) => l.startsWith('16:11:22.818 CMD:'));
  const answer = consoleLines
    .slice(start, start + 11)
    .map(parseConsoleLine)
    .map(consoleResult)
    .filter((r) => r !== null);

  it('is refused with a reason naming the cut section, not taken as complete', () => {
    expect(answer.map((r) => r.level)).toContain('STATUS11');
    let error: unknown = null;
    try {
      collect(answer);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).message).toMatch(/STATUS11/);
  });
});
