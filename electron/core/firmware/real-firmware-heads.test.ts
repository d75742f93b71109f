import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAppDesc } from './esp-app-desc';
import { readEspImageHeader } from './esp-image-header';
import { readAppPartitions } from './esp-partition-table';
import { inspectImageHead } from './image-head';

/**
 * The first 4 KiB (and, for factory images, slices at 0x1000 / 0x8000 / 0x10000) of real Tasmota and ESPHome
 * images; fixtures/real-devices/SOURCES.md names each file's origin, index.json what it holds.
 */
const DIR = join(__dirname, '../../../fixtures/real-devices/firmware');
interface Entry {
  file: string;
  chip: string;
  kind: 'ota' | 'ota-gzip' | 'factory';
  appDescAt0x20?: { version: string; projectName: string };
  appDescAt0x10020?: { version: string; projectName: string };
}
const entries = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as Entry[];
const chipName = (c: string) =>
  c === 'esp8266' || c === 'esp32' ? c.toUpperCase() : `ESP32-${c.slice(5).toUpperCase()}`;
const orNull = (s: string | undefined) => (s ? s : null);
const slice = (file: string, at: string) =>
  readFileSync(join(DIR, file.replace('.head4k.bin', `.at-${at}.bin`)));

describe('real firmware heads', () => {
  it('has the images SOURCES.md promises', () => {
    expect(entries.length).toBeGreaterThanOrEqual(18);
  });

  it.each(entries.map((e) => [e.file, e] as const))(
    '%s: chip, kind and project as index.json says',
    (_, e) => {
      const head = inspectImageHead(readFileSync(join(DIR, e.file)));
      expect(head).not.toBeNull();
      expect(head!.format).toBe(e.kind === 'ota-gzip' ? 'esp-image-gz' : 'esp-image');
      expect(head!.kind).toBe(e.kind === 'factory' ? 'factory' : 'ota');
      if (e.kind === 'factory') {
        // The app's descriptor sits at 0x10020; the classic ESP32 hides its chip until the bootloader at 0x1000.
        const boot = head!.chip === null ? readEspImageHeader(slice(e.file, '0x1000')) : null;
        expect(head!.chip ?? (boot && 'chip' in boot ? boot.chip : null)).toBe(chipName(e.chip));
        const apps = readAppPartitions(slice(e.file, '0x8000'));
        expect(apps?.map((a) => a.offset)).toContain(0x10000);
        const app = readAppDesc(slice(e.file, '0x10000'));
        expect(app?.projectName ?? null).toBe(orNull(e.appDescAt0x10020?.projectName));
        expect(app?.version ?? null).toBe(orNull(e.appDescAt0x10020?.version));
      } else {
        expect(head!.chip).toBe(chipName(e.chip));
        expect(head!.appDesc?.projectName ?? null).toBe(orNull(e.appDescAt0x20?.projectName));
        expect(head!.appDesc?.version ?? null).toBe(orNull(e.appDescAt0x20?.version));
      }
    },
  );
});
