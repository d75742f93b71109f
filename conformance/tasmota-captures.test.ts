import { describe, expect, it } from 'vitest';
import { normalizeMac } from '../electron/core/discovery/device-identity';
import { parseConsoleLine, type ConsoleLine } from '../electron/core/drivers/tasmota/tasmota-console';
import {
  DEFAULT_FULL_TOPIC,
  discoveryTopicMac,
  parseDiscoveryConfig,
  parseStatus0,
} from '../electron/core/drivers/tasmota/tasmota-protocol';
import { chipFromHardware } from '../electron/core/firmware/device-match';
import { listFixtures, readFixtureJson, readFixtureLines, readFixtureText } from './fixture-files';
import { CHIP_OF_HARDWARE, UNPARSABLE_MERGED } from './tasmota-expectations';

// Real Tasmota captures (fixtures/real-devices/tasmota, sources in SOURCES.md) through the driver's parsers.

interface Message {
  topic: string;
  payload: string;
}

const sectionsOf = (lines: ConsoleLine[]) =>
  lines.filter(
    (l): l is Extract<ConsoleLine, { kind: 'result' }> =>
      l.kind === 'result' && /^STATUS\d*$/.test(l.command),
  );

describe('real Tasmota discovery configs', () => {
  const files = listFixtures('tasmota/discovery', '.json');
  const configs = files.map((file) => [file, readFixtureJson<Message>('tasmota/discovery', file)] as const);

  it.each(configs)('%s parses with the MAC of its topic and its own FullTopic', (_file, message) => {
    const result = parseDiscoveryConfig(message.payload, message.topic);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const payload = JSON.parse(message.payload) as { ft: string; sw: string; t: string };
    expect(result.value.device.mac).toBe(discoveryTopicMac(message.topic));
    expect(result.value.fullTopic).toBe(payload.ft);
    expect(result.value.topic).toBe(payload.t);
    expect(result.value.device.firmware).toBe(payload.sw);
  });

  it('include a non-default FullTopic and two major versions', () => {
    const payloads = configs.map(([, m]) => JSON.parse(m.payload) as { ft: string; sw: string });
    expect(payloads.some((p) => p.ft !== DEFAULT_FULL_TOPIC)).toBe(true);
    expect(new Set(payloads.map((p) => p.sw.split('.')[0])).size).toBeGreaterThanOrEqual(2);
  });
});

describe('real merged Status 0 replies (HTTP /cm, MQTT STATUS0)', () => {
  const files = listFixtures('tasmota/status0-merged', '.json');

  it.each(files)('%s', (file) => {
    const result = parseStatus0(readFixtureText('tasmota/status0-merged', file));
    const unparsable = UNPARSABLE_MERGED[file];
    if (unparsable) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(unparsable);
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const raw = result.value.device.raw as { StatusNET: { Mac: string }; StatusFWR: { Version: string } };
    expect(result.value.device.mac).toBe(normalizeMac(raw.StatusNET.Mac));
    expect(result.value.device.firmware).toBe(raw.StatusFWR.Version);
    expect(result.value.device.chip).toBe(CHIP_OF_HARDWARE[result.value.hardware ?? '']);
  });
});

describe('real Tasmota console captures', () => {
  const files = listFixtures('tasmota/console', '.log');

  describe.each(files)('%s', (file) => {
    const lines = readFixtureLines('tasmota/console', file).map(parseConsoleLine);
    const sections = sectionsOf(lines);

    it('has every line read as a log line, and its Status answers as results', () => {
      // The one untagged line a real console prints is the boot banner (`Project tasmota - Tasmota Version …`,
      // localised: `Projekt`); it is noise to the line parser although it names the running version.
      const noise = lines.filter((l) => l.kind === 'noise').map((l) => l.text);
      for (const text of noise)
        expect(text).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} Proje[ck]t \S+ - Tasmota Version /);
      expect(sections.length).toBeGreaterThan(0);
    });

    it('carries one Status object per section line, except where the console glued two lines', () => {
      for (const section of sections) {
        let payload: Record<string, unknown>;
        try {
          payload = JSON.parse(section.payload) as Record<string, unknown>;
        } catch {
          // A real cut: the next line (a reboot's first output) was printed without a line break.
          expect(section.payload).toMatch(/\}\d{2}:\d{2}:\d{2}\.\d{3} [A-Z]+: /);
          continue;
        }
        const keys = Object.keys(payload);
        if (section.command === 'STATUS0') expect(keys.length).toBeGreaterThan(1);
        else expect(keys).toEqual([expect.stringMatching(/^Status/)]);
      }
    });

    it('reports chips the firmware matcher knows', () => {
      for (const section of sections.filter((s) => s.command === 'STATUS2' || s.command === 'STATUS0')) {
        const hardware = (JSON.parse(section.payload) as { StatusFWR?: { Hardware?: string } }).StatusFWR
          ?.Hardware;
        if (hardware) expect(chipFromHardware(hardware)).toBe(CHIP_OF_HARDWARE[hardware]);
      }
    });
  });
});

describe('real MQTT answers of Status 0 and Status0', () => {
  const sections = readFixtureJson<Message[]>('tasmota/mqtt-sections', '15.4.0-esp32-nspanel-status-0.json');
  const [merged] = readFixtureJson<Message[]>('tasmota/mqtt-sections', '15.4.0-esp32-nspanel-status0.json');

  it('Status 0 answers with one message per section, Status0 with one STATUS0 of the same sections', () => {
    expect(sections.map((m) => m.topic.split('/').pop())).toEqual([
      'STATUS',
      'STATUS1',
      'STATUS2',
      'STATUS3',
      'STATUS4',
      'STATUS5',
      'STATUS6',
      'STATUS7',
      'STATUS10',
      'STATUS11',
    ]);
    const joined = Object.assign({}, ...sections.map((m) => JSON.parse(m.payload) as object)) as object;
    expect(merged!.topic.endsWith('/STATUS0')).toBe(true);
    expect(Object.keys(joined).sort()).toEqual(Object.keys(JSON.parse(merged!.payload) as object).sort());
  });

  it('the sections joined parse like the merged reply', () => {
    const joined = Object.assign({}, ...sections.map((m) => JSON.parse(m.payload) as object)) as Record<
      string,
      unknown
    >;
    const fromSections = parseStatus0(joined);
    const fromMerged = parseStatus0(merged!.payload);
    expect(fromSections.ok && fromMerged.ok).toBe(true);
    if (!fromSections.ok || !fromMerged.ok) return;
    expect(fromSections.value.device.id).toBe(fromMerged.value.device.id);
    expect(fromSections.value.device.firmware).toBe('15.4.0(release-tasmota32)');
    expect(fromSections.value.topic).toBe('tasmota_FA6938');
  });
});
