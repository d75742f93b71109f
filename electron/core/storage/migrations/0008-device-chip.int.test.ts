import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../../shared/domain/device';
import { silentLogger } from '../../logging/json-logger';
import { makeTempDir } from '../../../../test-support/core/temp-dir';
import { openDatabase } from '../database';
import { DeviceRepository } from '../repositories/device-repository';
import { migration0008DeviceChip } from './0008-device-chip';
import { MIGRATIONS } from './index';

describe('migration 0008 (device chip)', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());

  it('adds an empty chip to stored devices, which the next identification fills in', () => {
    expect(MIGRATIONS[7]).toBe(migration0008DeviceChip);
    const file = join(dir.path, 'fieldbatch.db');
    const before = openDatabase({
      file,
      logger: silentLogger,
      now: () => 1,
      migrations: MIGRATIONS.slice(0, 7),
    });
    before
      .prepare(
        `INSERT INTO devices (id, family, name, model, firmware, mac, online, offline_reason, identify_json, first_seen_at, last_seen_at)
         VALUES ('mac:a8032ab12345', 'tasmota', 'Porch', 'Sonoff Basic', '14.2.0', 'a8032ab12345', 0, 'not-seen', '{}', 5, 9)`,
      )
      .run();
    before.close();

    // Migrated to the latest schema: the repository reads columns later migrations add (brokers.name).
    const db = openDatabase({ file, logger: silentLogger, now: () => 2, migrations: MIGRATIONS });
    const repo = new DeviceRepository(db);
    const id = 'mac:a8032ab12345' as DeviceId;
    expect(repo.get(id)).toMatchObject({ model: 'Sonoff Basic', chip: null });
    repo.recordSighting({
      id,
      family: 'tasmota',
      name: 'Porch',
      model: 'Sonoff Basic',
      product: 'Tasmota',
      generation: null,
      firmware: '14.2.0(release-tasmota)',
      mac: 'a8032ab12345',
      chip: 'ESP8266',
      raw: {},
      source: 'serial',
      endpoint: { transport: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 },
      at: 10,
    });
    expect(repo.get(id)!.chip).toBe('ESP8266');
    db.close();
  });
});
