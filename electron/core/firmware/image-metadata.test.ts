import { describe, expect, it } from 'vitest';
import { FirmwareImportError } from './firmware-errors';
import { resolveMetadata } from './image-metadata';
import type { ScanResult } from './image-scanner';

const fbsim: ScanResult = {
  kind: 'fbsim',
  sha256: 'a'.repeat(64),
  size: 10,
  manifest: {
    family: 'shelly',
    version: '1.6.0',
    fwId: 'fw',
    build: null,
    models: ['SNSW-001P16EU'],
    size: 1,
    sha256: 'b'.repeat(64),
  },
};
const bin: ScanResult = { kind: 'other', sha256: 'c'.repeat(64), size: 10, format: 'bin.gz' };

function problemOf(run: () => unknown): { problem: string; details: unknown } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FirmwareImportError);
    return {
      problem: (error as FirmwareImportError).problem,
      details: (error as FirmwareImportError).details,
    };
  }
  throw new Error('expected a refusal');
}

describe('image metadata', () => {
  it('takes a manifest image as it is, versioned by its manifest', () => {
    expect(resolveMetadata(fbsim, 'x.fw', {})).toEqual({
      family: 'shelly',
      models: ['SNSW-001P16EU'],
      version: '1.6.0',
      versionSource: 'manifest',
      fwId: 'fw',
      build: null,
    });
    expect(
      resolveMetadata(fbsim, 'x.fw', { family: 'shelly', version: '1.6.0', models: ['snsw-001p16eu'] })
        .version,
    ).toBe('1.6.0');
  });

  it.each([
    [{ version: '1.7.0' }, /version 1\.6\.0/],
    [{ family: 'tasmota' as const }, /family shelly/],
    [{ models: ['SNSW-002P16EU'] }, /models SNSW-001P16EU/],
  ])('refuses typed metadata %j that contradicts the manifest', (typed, message) => {
    const refusal = problemOf(() => resolveMetadata(fbsim, 'x.fw', typed));
    expect(refusal.problem).toBe('metadata-conflict');
    expect(() => resolveMetadata(fbsim, 'x.fw', typed)).toThrow(message);
  });

  it('reads a real file name, and says where the version came from', () => {
    expect(resolveMetadata(bin, 'tasmota-14.3.0.bin.gz', {})).toMatchObject({
      family: 'tasmota',
      models: ['ESP8266'],
      version: '14.3.0',
      versionSource: 'file-name',
      fwId: null,
    });
    expect(resolveMetadata(bin, 'tasmota-14.3.0.bin.gz', { version: '14.3.1' })).toMatchObject({
      version: '14.3.1',
      versionSource: 'user',
    });
    expect(resolveMetadata(bin, 'tasmota-14.3.0.bin.gz', { models: ['Sonoff Basic'] }).models).toEqual([
      'Sonoff Basic',
    ]);
  });

  it('does not carry models guessed for another family', () => {
    const refusal = problemOf(() => resolveMetadata(bin, 'tasmota-14.3.0.bin.gz', { family: 'shelly' }));
    expect(refusal).toEqual({
      problem: 'missing-metadata',
      details: {
        problem: 'missing-metadata',
        missing: ['models'],
        guessed: { family: 'tasmota', models: ['ESP8266'], version: '14.3.0' },
      },
    });
  });

  it('lists every missing field for a name that says nothing', () => {
    expect(problemOf(() => resolveMetadata(bin, 'firmware.bin', {})).details).toMatchObject({
      missing: ['family', 'models', 'version'],
    });
    expect(
      resolveMetadata(bin, 'firmware.bin', { family: 'shelly', models: ['SNSW-001P16EU'], version: '1.6.0' }),
    ).toMatchObject({ versionSource: 'user' });
  });
});
