import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkShellyZip } from './shelly-zip-check';
import { checkTasmotaImage } from './tasmota-image-check';

const ROOT = join(__dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'make-firmware-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs `npm run sim -- make-firmware ...` the way the README shows it (tsx simulator/cli.ts). */
const sim = (...args: string[]) =>
  spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'simulator/cli.ts'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );

describe('npm run sim -- make-firmware', () => {
  it('writes a Tasmota .bin.gz and a Shelly zip and prints their paths', () => {
    const tasmota = sim(
      'make-firmware',
      '--family',
      'tasmota',
      '--chip',
      'esp8266',
      '--version',
      '14.4.0',
      '--gz',
      '--out',
      out,
    );
    expect(tasmota.status).toBe(0);
    expect(tasmota.stdout.trim()).toBe(join(out, 'tasmota-14.4.0.bin.gz'));
    const shelly = sim(
      'make-firmware',
      '--family',
      'shelly',
      '--app',
      'Plus1PM',
      '--version',
      '1.6.0',
      '--out',
      out,
    );
    expect(shelly.stdout.trim()).toBe(join(out, 'Plus1PM-1.6.0.zip'));
    expect(readdirSync(out).sort()).toEqual(['Plus1PM-1.6.0.zip', 'tasmota-14.4.0.bin.gz']);
    const gz = readFileSync(join(out, 'tasmota-14.4.0.bin.gz'));
    expect(checkTasmotaImage(gz, { chip: 'ESP8266', flashBytes: 1 << 20 })).toMatchObject({ kind: 'flash' });
    expect(checkShellyZip(readFileSync(join(out, 'Plus1PM-1.6.0.zip')), 'Plus1PM')).toMatchObject({
      ok: true,
    });
  });

  it('exits 1 with the reason and the usage on bad input', () => {
    const bad = sim('make-firmware', '--family', 'tasmota', '--version', '14.4.0', '--out', out);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--chip is required for Tasmota');
    expect(bad.stderr).toContain('Usage: npm run sim -- make-firmware');
  });
});
