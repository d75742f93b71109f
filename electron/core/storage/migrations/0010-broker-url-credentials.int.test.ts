import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRandomIdSource } from '../../ids';
import { silentLogger } from '../../logging/json-logger';
import { FileSecretStore } from '../../secrets/file-secret-store';
import { KeyFileCipher } from '../../secrets/key-file-cipher';
import { DiscoverySettingsService, type ResolvedBroker } from '../../settings/discovery-settings-service';
import { makeTempDir } from '../../../../test-support/core/temp-dir';
import { openDatabase } from '../database';
import { SettingsRepository } from '../repositories/settings-repository';
import { migration0010BrokerUrlCredentials } from './0010-broker-url-credentials';
import { MIGRATIONS } from './index';

const BROKERS: [string, string, string | null, number][] = [
  ['brk_plain0001', 'mqtt://192.0.2.5:1883', 'kept', 1],
  ['brk_creds0001', 'mqtt://tech:canary-Pa%40ss:w0rd@192.0.2.6:1883', null, 0],
  ['brk_useronly1', 'wss://site@broker.example/mqtt?x=a@b', 'old', 1],
];

describe('migration 0010 (broker URL credentials)', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());

  it('takes user:password@ out of stored URLs; the next start moves them to the username and the secret store', async () => {
    expect(MIGRATIONS[9]).toBe(migration0010BrokerUrlCredentials);
    const file = join(dir.path, 'fieldbatch.db');
    const before = openDatabase({
      file,
      logger: silentLogger,
      now: () => 1,
      migrations: MIGRATIONS.slice(0, 9),
    });
    const insert = before.prepare(
      'INSERT INTO brokers (id, url, username, has_password, created_at) VALUES (?, ?, ?, ?, 1)',
    );
    for (const row of BROKERS) insert.run(...row);
    before.close();

    const db = openDatabase({
      file,
      logger: silentLogger,
      now: () => 2,
      migrations: MIGRATIONS.slice(0, 10),
    });
    const urls = db.prepare('SELECT id, url FROM brokers ORDER BY id').all();
    expect(urls).toEqual([
      { id: 'brk_creds0001', url: 'mqtt://192.0.2.6:1883' },
      { id: 'brk_plain0001', url: 'mqtt://192.0.2.5:1883' },
      { id: 'brk_useronly1', url: 'wss://broker.example/mqtt?x=a@b' },
    ]);

    const secrets = new FileSecretStore(join(dir.path, 's.json'), new KeyFileCipher(join(dir.path, 's.key')));
    await secrets.set('broker:brk_plain0001:password', 'plain-pw');
    const service = new DiscoverySettingsService({
      settings: new SettingsRepository(db),
      secrets,
      ids: createRandomIdSource(),
      clock: { now: () => 3 },
      interfaces: () => ({}),
    });
    let applied: ResolvedBroker[] = [];
    await service.attach({
      mdns: async () => undefined,
      mqtt: async (o) => void (applied = o.brokers),
      serial: () => undefined,
    });
    expect(
      applied.map(({ id, name, url, username, password }) => ({ id, name, url, username, password })),
    ).toEqual([
      {
        id: 'brk_creds0001',
        name: '192.0.2.6:1883',
        url: 'mqtt://192.0.2.6:1883',
        username: 'tech',
        password: 'canary-Pa@ss:w0rd',
      },
      {
        id: 'brk_plain0001',
        name: '192.0.2.5:1883',
        url: 'mqtt://192.0.2.5:1883',
        username: 'kept',
        password: 'plain-pw',
      },
      {
        id: 'brk_useronly1',
        name: 'broker.example',
        url: 'wss://broker.example/mqtt?x=a@b',
        username: 'site',
        password: null,
      },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM broker_url_credentials').get()).toEqual({ n: 0 });
    expect(JSON.stringify(service.get())).not.toMatch(/canary|tech:/);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(readFileSync(file).includes('canary-Pa')).toBe(false);
    expect(readFileSync(join(dir.path, 's.json'), 'utf8')).not.toContain('canary');
  });
});
