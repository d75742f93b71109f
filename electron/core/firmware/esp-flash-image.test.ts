import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEspImage, type EspChip } from '../../../simulator';
import { parseBuffer } from './byte-feeder';
import { inspectEspFlash } from './esp-flash-image';

const inspect = (data: Buffer, chunk?: number) => parseBuffer(inspectEspFlash(), data, chunk);
const CHIPS: EspChip[] = [
  'ESP8266',
  'ESP32',
  'ESP32-S2',
  'ESP32-S3',
  'ESP32-C2',
  'ESP32-C3',
  'ESP32-C6',
  'ESP32-H2',
];

describe('ESP flash images', () => {
  it.each(CHIPS)('reads an %s OTA image: chip, kind and app description', (chip) => {
    const image = buildEspImage({ chip, version: '14.4.0', project: 'tasmota' });
    const result = inspect(image);
    expect(result).toMatchObject({ ok: true, kind: 'ota', chip });
    if (!result.ok) return;
    if (chip === 'ESP8266') expect(result.appDesc).toBeNull();
    else expect(result.appDesc).toMatchObject({ version: '14.4.0', projectName: 'tasmota' });
  });

  it.each(CHIPS.filter((c) => c !== 'ESP8266'))('recognises an %s factory image from its bytes', (chip) => {
    const image = buildEspImage({ chip, version: '14.4.0', kind: 'factory', project: 'tasmota' });
    expect(inspect(image)).toMatchObject({
      ok: true,
      kind: 'factory',
      chip,
      appDesc: { version: '14.4.0', projectName: 'tasmota' },
    });
  });

  it('reads an app description without a version as null', () => {
    const image = buildEspImage({ chip: 'ESP32-C3', version: '14.4.0', versionInAppDesc: false });
    expect(inspect(image)).toMatchObject({ ok: true, appDesc: { version: null } });
  });

  const refused: [string, Buffer, RegExp][] = [
    ['an empty file', Buffer.alloc(0), /empty/],
    ['a file without the magic byte', Buffer.from([0x00, 1, 2, 3]), /not an ESP image \(it starts with 0x00/],
    ['4 KiB of FF and nothing else', Buffer.alloc(0x1000, 0xff), /no bootloader after them/],
    [
      'FF then something else',
      Buffer.concat([Buffer.alloc(0x1000, 0xff), Buffer.from([0x12])]),
      /no bootloader/,
    ],
  ];
  it.each(refused)('refuses %s', (_, data, reason) => {
    expect(inspect(data)).toEqual({ ok: false, problem: expect.stringMatching(reason) });
  });

  it.each(CHIPS)('refuses a truncated %s image', (chip) => {
    const image = buildEspImage({ chip, version: '1.0.0' });
    for (const cut of [10, 30, Math.floor(image.length / 2), image.length - 1]) {
      const result = inspect(image.subarray(0, cut));
      expect(result.ok, `cut at ${cut}`).toBe(false);
    }
  });

  it('refuses a flipped byte by the checksum or the appended SHA-256', () => {
    const image = Buffer.from(buildEspImage({ chip: 'ESP32', version: '1.0.0' }));
    image[0x200]! ^= 0x01;
    expect(inspect(image)).toEqual({ ok: false, problem: expect.stringMatching(/mismatch/) });
    const esp8266 = Buffer.from(buildEspImage({ chip: 'ESP8266', version: '1.0.0' }));
    esp8266[0x100]! ^= 0x01;
    expect(inspect(esp8266)).toEqual({ ok: false, problem: expect.stringMatching(/checksum mismatch/) });
  });

  it('gives the same verdict however the file is split into chunks', () => {
    const images = [
      buildEspImage({ chip: 'ESP32', version: '1.0.0', kind: 'factory' }),
      buildEspImage({ chip: 'ESP32-C3', version: '1.0.0' }),
      buildEspImage({ chip: 'ESP8266', version: '1.0.0' }).subarray(0, 5000),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...images), fc.integer({ min: 1, max: 70_000 }), (data, chunk) => {
        expect(inspect(data, chunk)).toEqual(inspect(data, data.length + 1));
      }),
      { numRuns: 60 },
    );
  });
});
