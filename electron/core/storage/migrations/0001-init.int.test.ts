import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/json-logger';
import { openDatabase } from '../database';
import { migration0001Init } from './0001-init';

describe('migration 0001 (init)', () => {
  const db = openDatabase({
    file: ':memory:',
    logger: silentLogger,
    now: () => 1,
    migrations: [migration0001Init],
  });

  it('creates the inventory and job tables', () => {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual([
      'device_endpoints',
      'devices',
      'job_executions',
      'job_journal',
      'jobs',
      'schema_migrations',
    ]);
  });

  it('is strict about types and cascades endpoint and journal rows', () => {
    expect(() =>
      db
        .prepare(
          "INSERT INTO devices (id, family, model, firmware, identify_json, first_seen_at, last_seen_at) VALUES ('mac:1', 'shelly', 'm', '1', '{}', 'x', 1)",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    db.prepare(
      "INSERT INTO devices (id, family, model, firmware, identify_json, first_seen_at, last_seen_at) VALUES ('mac:1', 'shelly', 'm', '1', '{}', 1, 1)",
    ).run();
    db.prepare("INSERT INTO device_endpoints VALUES ('mac:1', 'mdns', 'http', '127.0.0.1', 80, 1)").run();
    expect(() =>
      db.prepare("INSERT INTO device_endpoints VALUES ('mac:none', 'mdns', 'http', 'h', 1, 1)").run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM devices WHERE id = 'mac:1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM device_endpoints').get()).toEqual({ n: 0 });
  });
});
