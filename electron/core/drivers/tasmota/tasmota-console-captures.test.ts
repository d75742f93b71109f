import { describe, expect, it } from 'vitest';
import { listFixtures, readFixtureLines } from '../../../../conformance/fixture-files';
import { DeviceError } from '../../device-error';
import { parseConsoleLine } from './tasmota-console';
import { parseStatus0 } from './tasmota-protocol';
import type { Json } from './tasmota-reply';
import { consoleResult } from './tasmota-serial-channel';
import { statusSections, statusSectionsWanted, type StatusSectionsWanted } from './tasmota-status-sections';

// Every real console capture (fixtures/real-devices/tasmota/console, sources in SOURCES.md there) read line by
// line through the console parser and the section collector, as the serial channel reads a live console.
// Captures marked `partial` hold only the first sections of a `Status 0`: the collector must name the rest.

const STATUS_0 = { name: 'Status', value: '0' };
const wanted = statusSectionsWanted(STATUS_0) as StatusSectionsWanted;

function replay(file: string) {
  const collector = statusSections(STATUS_0, wanted);
  let settled: Json | undefined;
  const errors: DeviceError[] = [];
  for (const line of readFixtureLines('tasmota/console', file)) {
    const result = consoleResult(parseConsoleLine(line));
    if (result === null || settled !== undefined) continue;
    try {
      settled = collector.accept(result);
    } catch (error) {
      if (!(error instanceof DeviceError)) throw error;
      errors.push(error);
    }
  }
  return { settled, errors, missing: collector.missing(), received: collector.received() };
}

describe.each(listFixtures('tasmota/console', '.log'))('real console capture %s', (file) => {
  it(
    file.includes('partial')
      ? 'names the sections the capture never shows'
      : 'settles into a status the parser reads',
    () => {
      const { settled, errors, missing, received } = replay(file);
      expect(errors).toEqual([]);
      if (file.includes('partial')) {
        expect(settled).toBeUndefined();
        // Each partial capture stops before the last sections (StatusSTS is STATUS11).
        expect(received.slice(0, 2)).toEqual(['Status', 'StatusPRM']);
        expect(missing).toContain('StatusSTS');
        expect(missing.some((key) => received.includes(key))).toBe(false);
        return;
      }
      const status = parseStatus0(settled!);
      expect(status.ok).toBe(true);
      if (status.ok) expect(status.value.device.chip).toMatch(/^ESP/);
    },
  );
});
