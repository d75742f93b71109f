import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readShellyManifest } from './shelly-fw-zip';

/** fixtures/real-devices/SOURCES.md, "shelly-zip/": a real Mongoose OS manifest (Cesanta's Flashnchips README). */
const REAL = readFileSync(
  join(__dirname, '../../../fixtures/real-devices/shelly-zip/mongoose-fnc-esp8266.manifest.json'),
);

describe('Shelly / Mongoose OS manifests', () => {
  it('reads a real manifest: name, version, build_id and every part with a file', () => {
    expect(readShellyManifest(REAL)).toEqual({
      app: 'smartjs',
      version: '20160128095944',
      fwId: '20160128-095944/fnc@043a9d7e.',
      platform: 'esp8266',
      parts: [
        { name: 'boot', src: '0x00000.bin', size: null, sha1: 'f975bb12df29c332bb7f44c7c6b842038da0f066' },
        {
          name: 'boot_cfg',
          src: '0x01000.bin',
          size: null,
          sha1: 'e0c66649d1434eca3435033a32634cb90cef0f31',
        },
        { name: 'fs', src: '0xe0000.bin', size: null, sha1: '5216007432ee228dba8f3e300117d15953b21226' },
        { name: 'fw', src: '0x11000.bin', size: null, sha1: '4d60976cc0953388a15c1ac597b0bab39b6d1404' },
      ],
    });
  });

  it('skips parts the updater writes itself (no src), as the ESP32 package template has for nvs', () => {
    const manifest = {
      name: 'Plus1PM',
      version: '1.6.0',
      parts: {
        nvs: { type: 'nvs', size: 16384, fill: 255, ptn: 'nvs' },
        app: { src: 'Plus1PM.bin', size: 10, cs_sha1: 'a'.repeat(40) },
      },
    };
    const read = readShellyManifest(Buffer.from(JSON.stringify(manifest)));
    expect(read).toMatchObject({ app: 'Plus1PM', fwId: null, parts: [{ name: 'app', size: 10 }] });
  });

  it.each([
    ['not JSON', '{name:', 'the manifest is not JSON'],
    ['an array', '[]', 'the manifest is not an object'],
    ['no name', '{"version":"1","parts":{}}', 'the manifest names no app (`name`)'],
    ['no version', '{"name":"Plus1","parts":{}}', 'the manifest has no `version`'],
    ['parts as a list', '{"name":"Plus1","version":"1","parts":[]}', 'the manifest has no `parts` object'],
    [
      'no part with a file',
      '{"name":"Plus1","version":"1","parts":{"nvs":{"size":1}}}',
      'the manifest lists no parts with files',
    ],
    [
      'an absolute src',
      '{"name":"P","version":"1","parts":{"app":{"src":"/etc/x","cs_sha1":"' + 'a'.repeat(40) + '"}}}',
      'part app points outside its folder ("/etc/x")',
    ],
    [
      'a bad hash',
      '{"name":"P","version":"1","parts":{"app":{"src":"a.bin","cs_sha1":"xyz"}}}',
      'part app has no valid cs_sha1',
    ],
    [
      'a size as text',
      '{"name":"P","version":"1","parts":{"app":{"src":"a.bin","size":"10","cs_sha1":"' +
        'a'.repeat(40) +
        '"}}}',
      'part app has no valid size',
    ],
  ])('refuses a manifest with %s', (_, text, reason) => {
    expect(readShellyManifest(Buffer.from(text))).toBe(reason);
  });
});
