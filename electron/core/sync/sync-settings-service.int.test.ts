import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncTargetSaveInput, SyncTargetSettings } from '../../../shared/domain/sync';
import { ENCRYPTED_LINK_HINT } from '../../../shared/domain/sync-transport';
import {
  HttpsTargetSaveSchema,
  MqttTargetSaveSchema,
  SyncTargetSaveSchema,
  type MqttTargetSettings,
} from '../../../shared/domain/sync';
import { makeTempDir } from '../../../test-support/core/temp-dir';
import { createRandomIdSource } from '../ids';
import { silentLogger } from '../logging/json-logger';
import { FileSecretStore } from '../secrets/file-secret-store';
import { KeyFileCipher } from '../secrets/key-file-cipher';
import { openDatabase, type Db } from '../storage/database';
import { SettingsRepository } from '../storage/repositories/settings-repository';
import type { SyncTarget } from './sync-target';
import { buildSyncTarget, type TargetSecrets } from './sync-target-factory';
import { SyncSettingsService } from './sync-settings-service';
import type { SyncWorkerStatus } from './sync-worker';

const CANARY = 'canary-Pa55w0rd!';
const KEY_PEM = '-----BEGIN PRIVATE KEY-----\ncanary-key-material\n-----END PRIVATE KEY-----\n';
const CERT_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

class FakeWorker {
  targets: readonly SyncTarget[] = [];
  listener: ((s: SyncWorkerStatus) => void) | null = null;
  setTargets(targets: readonly SyncTarget[]): void {
    this.targets = targets;
  }
  status(): SyncWorkerStatus {
    return {
      targets: this.targets.map((t) => ({
        id: t.id,
        kind: t.kind,
        state: 'waiting',
        pending: 3,
        lastSuccessAt: 5,
        lastError: 'broker unreachable',
        nextAttemptAt: 99,
      })),
      pending: 3,
      kept: 5,
    };
  }
  async syncNow() {
    return { targets: [], pending: 0, kept: 0 };
  }
  onStatus(listener: (s: SyncWorkerStatus) => void) {
    this.listener = listener;
    return () => (this.listener = null);
  }
}

describe('SyncSettingsService', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: Db;
  let worker: FakeWorker;
  let service: SyncSettingsService;
  let secrets: FileSecretStore;
  const built: { settings: SyncTargetSettings; secrets: TargetSecrets }[] = [];
  const forgotten: string[] = [];

  beforeEach(() => {
    dir = makeTempDir();
    db = openDatabase({ file: join(dir.path, 'fieldbatch.db'), logger: silentLogger, now: () => 1 });
    secrets = new FileSecretStore(
      join(dir.path, 'secrets.json'),
      new KeyFileCipher(join(dir.path, 'secrets.key')),
    );
    worker = new FakeWorker();
    built.length = 0;
    forgotten.length = 0;
    service = new SyncSettingsService({
      settings: new SettingsRepository(db),
      secrets,
      worker,
      ids: createRandomIdSource(),
      logger: silentLogger,
      forget: (id) => forgotten.push(id),
      build: (settings, s) => {
        if (settings.kind === 'https' && settings.url.includes('broken')) throw new Error('bad URL');
        built.push({ settings, secrets: s });
        return {
          id: settings.id,
          kind: settings.kind,
          deliver: async () => ({ ok: true }),
          close: async () => {},
        };
      },
    });
  });
  afterEach(() => {
    db.close();
    dir.cleanup();
  });

  const save = (input: SyncTargetSaveInput) => service.save(SyncTargetSaveSchema.parse(input));
  const mqtt = { kind: 'mqtt', name: 'Office broker', url: 'mqtts://127.0.0.1:8883' } as const;

  it('keeps secrets in the secret store: never returned, never in the database files', async () => {
    const saved = await save({
      ...mqtt,
      username: 'site',
      password: CANARY,
      certPem: CERT_PEM,
      keyPem: KEY_PEM,
    });
    expect(saved).toMatchObject({
      hasPassword: true,
      hasKey: true,
      username: 'site',
      topicPrefix: 'fieldbatch',
    });
    expect(JSON.stringify(service.list())).not.toContain(CANARY);
    expect(JSON.stringify(service.list())).not.toContain('canary-key-material');
    expect(built.at(-1)?.secrets).toEqual({ password: CANARY, token: null, keyPem: KEY_PEM });
    expect(await secrets.get(`sync:${saved.id}:password`)).toBe(CANARY);
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(dir.path).filter((f) => f.startsWith('fieldbatch.db'))) {
      const bytes = readFileSync(join(dir.path, file), 'latin1');
      expect(bytes).not.toContain(CANARY);
      expect(bytes).not.toContain('canary-key-material');
    }
    expect(readFileSync(join(dir.path, 'fieldbatch.db'), 'latin1')).toContain('Office broker');
  });

  it('keeps a secret when the save leaves it out and removes it on null', async () => {
    const { id } = await save({ ...mqtt, username: 'site', password: CANARY });
    expect(await save({ ...mqtt, id, name: 'Renamed', username: 'site' })).toMatchObject({
      hasPassword: true,
    });
    expect(built.at(-1)?.secrets.password).toBe(CANARY);
    expect(await save({ ...mqtt, id, username: 'site', password: null })).toMatchObject({
      hasPassword: false,
    });
    expect(await secrets.get(`sync:${id}:password`)).toBeNull();
  });

  it('hands only enabled targets to the worker and keeps an unchanged target object', async () => {
    const a = await save({ ...mqtt, password: CANARY });
    const first = worker.targets[0];
    await save({
      kind: 'https',
      name: 'Back office',
      url: 'https://127.0.0.1/ingest',
      token: 'tok',
      enabled: false,
    });
    expect(worker.targets.map((t) => t.id)).toEqual([a.id]);
    expect(worker.targets[0]).toBe(first);
    expect(service.status()).toMatchObject({
      totalPending: 3,
      targets: [
        { id: a.id, name: 'Office broker', state: 'waiting', pending: 3, lastError: 'broker unreachable' },
        { name: 'Back office', kind: 'https', state: 'disabled', pending: 0 },
      ],
    });
  });

  it('shows a target that could not be built as an error, and removes targets with their secrets', async () => {
    const broken = await save({
      kind: 'https',
      name: 'Broken',
      url: 'https://broken.example/x',
      token: 'tok',
    });
    expect(service.status().targets[0]).toMatchObject({ state: 'error', lastError: 'cannot start: bad URL' });
    expect(await service.remove(broken.id)).toBe(true);
    expect(await secrets.get(`sync:${broken.id}:token`)).toBeNull();
    expect(service.list()).toEqual([]);
    expect(forgotten).toEqual([broken.id]); // its outbox cursor goes, so retention stops waiting for it
    expect(await service.remove(broken.id)).toBe(false);
    expect(forgotten).toEqual([broken.id]);
  });

  it('refuses settings that cannot work, with clear words', async () => {
    await expect(
      save({ kind: 'hawkbit', name: 'hawkBit', baseUrl: 'https://hawkbit.example', username: 'admin' }),
    ).rejects.toThrow('hawkBit with basic authentication needs a username and a password.');
    await expect(save({ ...mqtt, certPem: CERT_PEM })).rejects.toThrow(/needs its private key/);
    const { id } = await save(mqtt);
    await expect(save({ kind: 'https', id, name: 'x', url: 'https://a.example' })).rejects.toThrow(
      'a mqtt target cannot become https: add a new one',
    );
  });

  it('refuses a plaintext link to another computer in the save, and allows it to this one (G12)', async () => {
    const rule = ENCRYPTED_LINK_HINT.mqtt;
    const parsed = MqttTargetSaveSchema.parse(mqtt);
    // The service refuses it even when the caller skipped the schema (which refuses it too, for the form).
    await expect(service.save({ ...parsed, url: 'mqtt://broker.example:1883' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: rule,
    });
    expect(() => SyncTargetSaveSchema.parse({ ...mqtt, url: 'mqtt://192.0.2.5:1883' })).toThrow(rule);
    const web = HttpsTargetSaveSchema.parse({ kind: 'https', name: 'Web', url: 'https://a.example/in' });
    await expect(service.save({ ...web, url: 'http://backoffice.example/in' })).rejects.toThrow(
      ENCRYPTED_LINK_HINT.web,
    );
    expect(service.list()).toEqual([]);
    await save({ ...mqtt, url: 'mqtt://127.0.0.1:1883' });
    await save({ kind: 'https', name: 'Local relay', url: 'http://localhost:8080/ingest' });
    expect(service.list()).toHaveLength(2);
  });

  it('never starts a stored target that breaks the rule: it shows the rule as its error (G12)', async () => {
    const stored: MqttTargetSettings = {
      ...((await save(mqtt)) as MqttTargetSettings),
      url: 'mqtt://broker.example:1883', // written before the rule, or by hand
    };
    new SettingsRepository(db).write('sync.targets', [stored]);
    const real = new SyncSettingsService({
      settings: new SettingsRepository(db),
      secrets,
      worker,
      ids: createRandomIdSource(),
      logger: silentLogger,
      forget: () => undefined,
      build: (settings, s) => buildSyncTarget(settings, s, { now: () => 1 }),
    });
    await real.apply();
    expect(worker.targets).toEqual([]);
    expect(real.status().targets[0]).toMatchObject({
      state: 'error',
      lastError: expect.stringMatching(/^cannot start: Use an encrypted mqtts:\/\//),
    });
  });

  it('passes the worker status on with names', async () => {
    const seen: unknown[] = [];
    service.onStatus((s) => seen.push(s));
    await save(mqtt);
    worker.listener?.(worker.status());
    expect(seen).toEqual([
      expect.objectContaining({ targets: [expect.objectContaining({ name: 'Office broker' })] }),
    ]);
  });
});
