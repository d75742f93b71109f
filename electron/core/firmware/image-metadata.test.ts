import { describe, expect, it } from 'vitest';
import { FirmwareImportError } from './firmware-errors';
import type { ImageInspection } from './image-inspection';
import { resolveMetadata } from './image-metadata';

const c3: ImageInspection = {
  format: 'esp-image',
  kind: 'ota',
  chip: 'ESP32-C3',
  project: 'tasmota',
  version: '14.4.0',
  app: null,
  fwId: null,
  builtBy: null,
  notices: [],
};
const esp8266Gz: ImageInspection = {
  ...c3,
  format: 'esp-image-gz',
  chip: 'ESP8266',
  project: null,
  version: null,
};
const zip: ImageInspection = {
  format: 'shelly-zip',
  kind: 'ota',
  chip: null,
  project: null,
  version: '1.6.0',
  app: 'Plus1PM',
  fwId: '20250901-101010/1.6.0-gfeed123',
  builtBy: null,
  notices: [],
};

function refusal(run: () => unknown): { problem: string; message: string; details: unknown } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FirmwareImportError);
    const e = error as FirmwareImportError;
    return { problem: e.problem, message: e.message, details: e.details };
  }
  throw new Error('expected a refusal');
}

describe('image metadata', () => {
  it('takes chip, project and version from an ESP image header', () => {
    expect(resolveMetadata(c3, 'tasmota32c3-14.4.0.bin', {})).toEqual({
      family: 'tasmota',
      format: 'esp-image',
      kind: 'ota',
      chip: 'ESP32-C3',
      app: null,
      project: 'tasmota',
      models: ['ESP32-C3'],
      version: '14.4.0',
      versionSource: 'header',
      fwId: null,
      build: null,
      notices: [],
    });
  });

  it('lets the header win over the file name, and says so', () => {
    const meta = resolveMetadata(c3, 'tasmota32-14.3.0.bin', {});
    expect(meta).toMatchObject({ chip: 'ESP32-C3', version: '14.4.0' });
    expect(meta.notices).toEqual([
      'The file name says ESP32, the image header says ESP32-C3: the header wins.',
      'The file name says version 14.3.0, the app description says 14.4.0: the file wins.',
    ]);
  });

  it('takes the version from the name when the image states none, and says so for an app description', () => {
    expect(resolveMetadata(esp8266Gz, 'tasmota-14.3.0.bin.gz', {})).toMatchObject({
      family: 'tasmota',
      chip: 'ESP8266',
      version: '14.3.0',
      versionSource: 'file-name',
      notices: [],
    });
    const empty = resolveMetadata({ ...c3, version: null }, 'tasmota32c3-14.4.0.bin', {});
    expect(empty).toMatchObject({ version: '14.4.0', versionSource: 'file-name' });
    expect(empty.notices).toEqual(['The image states no version; 14.4.0 is taken from the file name.']);
    expect(resolveMetadata(esp8266Gz, 'tasmota-14.3.0.bin.gz', { version: '14.3.1' })).toMatchObject({
      version: '14.3.1',
      versionSource: 'user',
    });
  });

  it('names ESPHome images by their project, and keeps typed model labels', () => {
    const esphome = { ...c3, project: 'esphome', version: '2025.1.0' };
    expect(resolveMetadata(esphome, 'kitchen.ota.bin', { models: ['Kitchen light'] })).toMatchObject({
      family: 'esphome',
      models: ['Kitchen light'],
    });
    expect(resolveMetadata(esphome, 'tasmota32c3.bin', {}).notices).toContain(
      'The file name says Tasmota, the app description says ESPHome: the file wins.',
    );
  });

  it('reads a Shelly zip as Shelly firmware for the manifest app', () => {
    expect(resolveMetadata(zip, 'SNSW-001P16EU-1.6.0.zip', {})).toMatchObject({
      family: 'shelly',
      format: 'shelly-zip',
      app: 'Plus1PM',
      chip: null,
      models: ['SNSW-001P16EU'],
      version: '1.6.0',
      versionSource: 'manifest',
      fwId: '20250901-101010/1.6.0-gfeed123',
    });
    expect(resolveMetadata(zip, 'update.zip', {}).models).toEqual(['Plus1PM']);
  });

  it.each<[string, ImageInspection, Parameters<typeof resolveMetadata>[2], RegExp]>([
    ['a version other than the header', c3, { version: '14.3.0' }, /says version 14\.4\.0/],
    ['another chip as a model', c3, { models: ['ESP32'] }, /says chip ESP32-C3/],
    ['Shelly for an ESP image', c3, { family: 'shelly' }, /family Tasmota/],
    ['ESPHome for a Tasmota project', c3, { family: 'esphome' }, /family Tasmota/],
    [
      'Shelly for an ESP image without project',
      esp8266Gz,
      { family: 'shelly' },
      /an ESP image, not a Shelly zip/,
    ],
    ['Tasmota for a Shelly zip', zip, { family: 'tasmota' }, /family Shelly/],
    ['a version other than the manifest', zip, { version: '1.7.0' }, /manifest says version 1\.6\.0/],
  ])('refuses typed metadata that contradicts the file: %s', (_, image, typed, message) => {
    const r = refusal(() => resolveMetadata(image, 'x.bin', typed));
    expect(r.problem).toBe('metadata-conflict');
    expect(r.message).toMatch(message);
  });

  it('asks for the version when neither the file nor its name states one', () => {
    const r = refusal(() => resolveMetadata(esp8266Gz, 'firmware.bin.gz', {}));
    expect(r).toMatchObject({
      problem: 'missing-metadata',
      details: { missing: ['version'], read: { family: 'tasmota', chip: 'ESP8266', kind: 'ota' } },
    });
    expect(
      resolveMetadata(esp8266Gz, 'firmware.bin.gz', { family: 'esphome', version: '2025.1.0' }),
    ).toMatchObject({
      family: 'esphome',
      versionSource: 'user',
    });
  });
});
