import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildShellyFirmwareZip } from './shelly-zip';
import { checkShellyZip } from './shelly-zip-check';
import { entryData, walkZip } from './zip-reader';

const options = { app: 'Plus1PM', version: '1.6.0', buildId: '20250901-101010/1.6.0-gfeed123' };

describe('buildShellyFirmwareZip', () => {
  const zip = buildShellyFirmwareZip(options);
  const walk = walkZip(zip);
  if (!walk.ok) throw new Error(walk.reason);

  it('puts the stored manifest first, under <name>-<version>/ (mgos_fw_meta.py create_fw)', () => {
    expect(walk.entries.map((e) => [e.name, e.method])).toEqual([
      ['Plus1PM-1.6.0/manifest.json', 0],
      ['Plus1PM-1.6.0/Plus1PM.bin', 0],
      ['Plus1PM-1.6.0/fs.img', 0],
    ]);
    expect(zip.readUInt32LE(zip.length - 22)).toBe(0x06054b50); // end of central directory
  });

  it('writes name, platform, version, build_id and parts keyed by name with src, size, cs_sha1', () => {
    const manifest = JSON.parse(entryData(walk.entries[0])!.toString()) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'Plus1PM',
      platform: 'esp32',
      version: '1.6.0',
      build_id: options.buildId,
    });
    const parts = manifest.parts as Record<string, { src: string; size: number; cs_sha1: string }>;
    const app = entryData(walk.entries[1])!;
    expect(parts.app).toMatchObject({ src: 'Plus1PM.bin', size: app.length });
    expect(parts.app.cs_sha1).toBe(createHash('sha1').update(app).digest('hex'));
  });
});

describe('checkShellyZip (what the device does with it)', () => {
  it('accepts its own app and boots into version / build_id', () => {
    expect(checkShellyZip(buildShellyFirmwareZip(options), 'Plus1PM')).toEqual({
      ok: true,
      version: '1.6.0',
      buildId: options.buildId,
    });
  });

  it.each([
    ['another app', buildShellyFirmwareZip({ ...options, app: 'Plus2PM' }), /^Wrong app/],
    [
      'no manifest',
      buildShellyFirmwareZip({ ...options, tamper: 'no-manifest' }),
      /instead of manifest\.json/,
    ],
    [
      'a part whose SHA-1 disagrees',
      buildShellyFirmwareZip({ ...options, tamper: 'part-sha1' }),
      /^Digest mismatch$/,
    ],
    [
      'a missing app part',
      buildShellyFirmwareZip({ ...options, tamper: 'missing-part' }),
      /^Incomplete update package$/,
    ],
    [
      'deflated entries',
      buildShellyFirmwareZip({ ...options, tamper: 'deflate' }),
      /^Cannot handle compressed \.zip$/,
    ],
    ['another platform', buildShellyFirmwareZip({ ...options, platform: 'esp8266' }), /^Wrong platform$/],
    ['not a zip', Buffer.from('hello'), /^Malformed archive/],
  ])('refuses %s', (_label, zip, reason) => {
    expect(checkShellyZip(zip, 'Plus1PM')).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('does not compare the manifest size (the updater uses the zip entry size)', () => {
    expect(
      checkShellyZip(buildShellyFirmwareZip({ ...options, tamper: 'part-size' }), 'Plus1PM'),
    ).toMatchObject({ ok: true });
  });

  it('refuses a flipped byte inside a part by its CRC-32', () => {
    const zip = buildShellyFirmwareZip(options);
    zip[zip.length >> 1] ^= 0xff;
    expect(checkShellyZip(zip, 'Plus1PM')).toEqual({ ok: false, reason: 'Invalid CRC' });
  });

  it('reads deflated entries when asked to (for readers other than the device)', () => {
    const walk = walkZip(buildShellyFirmwareZip({ ...options, tamper: 'deflate' }));
    expect(walk.ok && JSON.parse(entryData(walk.entries[0])!.toString()).name).toBe('Plus1PM');
  });
});
