import { describe, expect, it } from 'vitest';
import {
  buildFirmwareImage,
  checkFirmwareImage,
  FIRMWARE_MAGIC,
  parseFirmwareImage,
  sha256Hex,
} from './firmware-image';

const shelly = { family: 'shelly' as const, names: ['SNSW-001P16EU'] };
const image = buildFirmwareImage({
  family: 'shelly',
  version: '1.5.0',
  fwId: '20250101-000000/1.5.0-gabcdef0',
  models: ['SNSW-001P16EU', 'SNSW-102P16EU'],
  payloadSize: 1000,
});

describe('firmware image format', () => {
  it('is the magic line, a one-line JSON manifest, then the payload', () => {
    const text = image.toString('latin1');
    const [magic, manifestLine] = text.split('\n');
    expect(magic).toBe(FIRMWARE_MAGIC);
    const manifest = JSON.parse(manifestLine) as Record<string, unknown>;
    expect(manifest).toMatchObject({ family: 'shelly', version: '1.5.0', size: 1000 });
    const payload = image.subarray(magic.length + manifestLine.length + 2);
    expect(payload).toHaveLength(1000);
    expect(manifest.sha256).toBe(sha256Hex(payload));
  });

  it('accepts an image meant for the device', () => {
    const check = checkFirmwareImage(image, shelly);
    expect(check).toMatchObject({
      ok: true,
      manifest: { version: '1.5.0', fw_id: '20250101-000000/1.5.0-gabcdef0' },
    });
  });

  it.each([
    ['bad magic', Buffer.concat([Buffer.from('FBSIM-FW/2'), image.subarray(10)])],
    ['a truncated payload', image.subarray(0, image.length - 1)],
    ['trailing bytes', Buffer.concat([image, Buffer.from([0])])],
    ['a flipped payload byte', Buffer.from(image.map((b, i) => (i === image.length - 5 ? b ^ 1 : b)))],
    ['a manifest that is not JSON', Buffer.from(`${FIRMWARE_MAGIC}\n{"family":\nxx`)],
    ['no manifest line', Buffer.from(`${FIRMWARE_MAGIC}\n{}`)],
    ['an empty file', Buffer.alloc(0)],
  ])('calls an image with %s corrupt', (_, bytes) => {
    expect(parseFirmwareImage(bytes)).toMatchObject({ ok: false, problem: 'corrupt' });
  });

  it.each([
    ['size', { size: 'x' }],
    ['sha256', { sha256: 'ABC' }],
    ['models', { models: [] }],
    ['fw_id', { fw_id: undefined }],
    ['family', { family: 'esphome' }],
  ])('calls a manifest with a bad %s corrupt', (_, overrides) => {
    const bad = buildFirmwareImage({
      family: 'shelly',
      version: '1',
      fwId: 'x',
      models: ['A'],
      manifestOverrides: overrides,
    });
    expect(parseFirmwareImage(bad)).toMatchObject({ ok: false, problem: 'corrupt' });
  });

  it('calls an image for another family or model wrong', () => {
    const tasmota = buildFirmwareImage({ family: 'tasmota', version: '14.3.0', models: ['ESP8266'] });
    expect(checkFirmwareImage(tasmota, shelly)).toMatchObject({ ok: false, problem: 'wrong' });
    const other = buildFirmwareImage({
      family: 'shelly',
      version: '1',
      fwId: 'x',
      models: ['S4SW-001X16EU'],
    });
    expect(checkFirmwareImage(other, shelly)).toMatchObject({ ok: false, problem: 'wrong' });
    expect(
      checkFirmwareImage(tasmota, { family: 'tasmota', names: ['esp8266', 'Sonoff Basic'] }),
    ).toMatchObject({ ok: true });
  });
});
