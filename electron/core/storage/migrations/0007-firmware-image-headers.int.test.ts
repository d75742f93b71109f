import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/json-logger';
import { makeTempDir } from '../../../../test-support/core/temp-dir';
import { openDatabase } from '../database';
import { FirmwareRepository } from '../repositories/firmware-repository';
import { MIGRATIONS } from '.';

const NOTICE =
  'Imported before files were read from their bytes: format, kind and chip come from its name and models. Remove it and import the file again to read them.';

describe('migration 0007 (firmware image headers)', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());

  it('derives format, kind and chip of images stored before, with a notice', () => {
    const file = join(dir.path, 'fieldbatch.db');
    const v6 = openDatabase({ file, logger: silentLogger, now: () => 1, migrations: MIGRATIONS.slice(0, 6) });
    const insert = v6.prepare(
      `INSERT INTO firmware_images (sha256, file_name, size, family, models_json, version, fw_id, build,
         version_source, notes, imported_at) VALUES (?, ?, 10, ?, ?, ?, ?, NULL, ?, '', ?)`,
    );
    insert.run('a'.repeat(64), 'plus1pm.fw', 'shelly', '["SNSW-001P16EU"]', '1.6.0', 'fw1', 'manifest', 1);
    insert.run(
      'b'.repeat(64),
      'tasmota-14.3.0.bin.gz',
      'tasmota',
      '["esp8266"]',
      '14.3.0',
      null,
      'file-name',
      2,
    );
    insert.run(
      'c'.repeat(64),
      'tasmota32c3.factory.bin',
      'tasmota',
      '["Sonoff", "ESP32-C3"]',
      '14.3.0',
      null,
      'user',
      3,
    );
    insert.run('d'.repeat(64), 'custom.bin', 'tasmota', '["Sonoff Basic"]', '1.0', null, 'user', 4);
    v6.close();

    const v7 = openDatabase({ file, logger: silentLogger, now: () => 5, migrations: MIGRATIONS.slice(0, 7) });
    const images = new FirmwareRepository(v7).listImages();
    const pick = (i: number) => {
      const { format, kind, chip, app, project, notices, models } = images.find((x) => x.importedAt === i)!;
      return { format, kind, chip, app, project, notices, models };
    };
    expect(pick(1)).toEqual({
      format: 'shelly-zip',
      kind: 'ota',
      chip: null,
      app: null,
      project: null,
      notices: [NOTICE],
      models: ['SNSW-001P16EU'],
    });
    expect(pick(2)).toMatchObject({ format: 'esp-image-gz', kind: 'ota', chip: 'ESP8266' });
    expect(pick(3)).toMatchObject({ format: 'esp-image', kind: 'factory', chip: 'ESP32-C3' });
    expect(pick(4)).toMatchObject({ format: 'esp-image', kind: 'ota', chip: null });
    v7.close();
  });
});
