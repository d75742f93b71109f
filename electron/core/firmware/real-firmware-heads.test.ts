import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readAppDesc } from './esp-app-desc';
import { BLANK_PREFIX, kindAtZero } from './esp-flash-image';
import { readEspImageHeader } from './esp-image-header';
import { readAppPartitions } from './esp-partition-table';
import { contentFormat } from './image-inspection';

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

/**
 * Reads a 4 KiB head with the library's own pieces: the format its first bytes give, the header at 0 (through a
 * partial inflate for gzip: the head is a cut-off stream), and the kind that layout implies. A head of 0xFF
 * is the classic ESP32 / ESP32-S2 factory layout, whose bootloader (and chip) only comes at 0x1000.
 */
function readHead(file: string) {
  const bytes = readFileSync(join(DIR, file));
  const gzipped = contentFormat('image', bytes) === 'gz';
  const image = gzipped ? gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }) : bytes;
  if (image.subarray(0, BLANK_PREFIX).every((b) => b === 0xff)) {
    return { gzipped, kind: 'factory', chip: null, appDesc: null };
  }
  const header = readEspImageHeader(image);
  if ('problem' in header) throw new Error(`${file}: ${header.problem}`);
  const appDesc = header.chip === 'ESP8266' ? null : readAppDesc(image);
  return { gzipped, kind: kindAtZero(header.chip, appDesc !== null), chip: header.chip, appDesc };
}

describe('real firmware heads', () => {
  it('has the images SOURCES.md promises', () => {
    expect(entries.length).toBeGreaterThanOrEqual(18);
  });

  it.each(entries.map((e) => [e.file, e] as const))(
    '%s: chip, kind and project as index.json says',
    (_, e) => {
      const head = readHead(e.file);
      expect(head.gzipped).toBe(e.kind === 'ota-gzip');
      expect(head.kind).toBe(e.kind === 'factory' ? 'factory' : 'ota');
      if (e.kind === 'factory') {
        // The app's descriptor sits at 0x10020; the classic ESP32 hides its chip until the bootloader at 0x1000.
        const boot = head.chip === null ? readEspImageHeader(slice(e.file, '0x1000')) : null;
        expect(head.chip ?? (boot && 'chip' in boot ? boot.chip : null)).toBe(chipName(e.chip));
        const apps = readAppPartitions(slice(e.file, '0x8000'));
        expect(apps?.map((a) => a.offset)).toContain(0x10000);
        const app = readAppDesc(slice(e.file, '0x10000'));
        expect(app?.projectName ?? null).toBe(orNull(e.appDescAt0x10020?.projectName));
        expect(app?.version ?? null).toBe(orNull(e.appDescAt0x10020?.version));
      } else {
        expect(head.chip).toBe(chipName(e.chip));
        expect(head.appDesc?.projectName ?? null).toBe(orNull(e.appDescAt0x20?.projectName));
        expect(head.appDesc?.version ?? null).toBe(orNull(e.appDescAt0x20?.version));
      }
    },
  );
});
