import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/json-logger';
import { makeTempDir } from '../../../../test-support/core/temp-dir';
import { openDatabase } from '../database';
import { migration0001Init } from './0001-init';
import { migration0002Inventory } from './0002-inventory';

describe('migration 0002 (inventory)', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());

  it('upgrades a 0001 database: endpoints move over with their device state, new tables appear', () => {
    const file = join(dir.path, 'fieldbatch.db');
    const v1 = openDatabase({ file, logger: silentLogger, now: () => 1, migrations: [migration0001Init] });
    v1.prepare(
      `INSERT INTO devices (id, family, name, model, firmware, mac, online, offline_reason, identify_json, first_seen_at, last_seen_at)
       VALUES ('mac:a8032ab12345', 'shelly', 'Hall', 'SNSW-001P16EU', '1.4.2', 'a8032ab12345', 0, 'goodbye', '{}', 5, 9)`,
    ).run();
    v1.prepare(
      "INSERT INTO device_endpoints VALUES ('mac:a8032ab12345', 'mdns', 'http', '198.19.2.3', 80, 9)",
    ).run();
    v1.close();

    const v2 = openDatabase({
      file,
      logger: silentLogger,
      now: () => 2,
      migrations: [migration0001Init, migration0002Inventory],
    });
    expect(v2.prepare('SELECT * FROM endpoints').all()).toEqual([
      {
        device_id: 'mac:a8032ab12345',
        source: 'mdns',
        transport: 'http',
        endpoint_key: '198.19.2.3:80',
        endpoint_json: '{"transport":"http","host":"198.19.2.3","port":80}',
        online: 0,
        offline_reason: 'goodbye',
        first_seen_at: 9,
        last_seen_at: 9,
      },
    ]);
    expect(v2.prepare('SELECT custom_name, notes, never_touch FROM devices').get()).toEqual({
      custom_name: null,
      notes: '',
      never_touch: 0,
    });
    const tables = v2
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual([
      'brokers',
      'device_groups',
      'device_sightings',
      'device_tags',
      'devices',
      'endpoints',
      'group_members',
      'job_executions',
      'job_journal',
      'jobs',
      'schema_migrations',
      'settings',
    ]);
    expect(v2.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(v2.pragma('foreign_key_check')).toEqual([]);
    v2.close();
    expect(readdirSync(dir.path).filter((f) => f.endsWith('.bak'))).toEqual(['fieldbatch.db.pre-v2-2.bak']);
  });
});
