import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncTargetSaveSchema, type SyncTargetSaveInput } from '../../../shared/domain/sync';
import { makeTempDir } from '../../../test-support/core/temp-dir';
import { HawkbitStub } from '../../../test-support/sync/hawkbit-stub';
import { mintTestCertificates, type TestCertificates } from '../../../test-support/sync/test-pki';
import { createRandomIdSource } from '../ids';
import { silentLogger } from '../logging/json-logger';
import { systemClock } from '../ports';
import { FileSecretStore } from '../secrets/file-secret-store';
import { KeyFileCipher } from '../secrets/key-file-cipher';
import { openDatabase, type Db } from '../storage/database';
import { OutboxRepository } from '../storage/repositories/outbox-repository';
import { SettingsRepository } from '../storage/repositories/settings-repository';
import { SyncSettingsService } from './sync-settings-service';
import { buildSyncTarget } from './sync-target-factory';
import { SyncWorker } from './sync-worker';

describe('a hawkBit target from the settings, through the sync worker', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let certificates: TestCertificates;
  let db: Db;
  let stub: HawkbitStub;
  let worker: SyncWorker;
  let service: SyncSettingsService;
  let outbox: OutboxRepository;
  let hawkbit: SyncTargetSaveInput;

  beforeEach(async () => {
    dir = makeTempDir();
    certificates = mintTestCertificates();
    stub = new HawkbitStub(certificates, {
      authorization: `Basic ${Buffer.from('admin:s3cret').toString('base64')}`,
      targets: ['dev_a'],
      distributionSets: [{ id: 8, name: 'Shelly Plus 1', version: '1.6.0' }],
    });
    const baseUrl = await stub.start();
    db = openDatabase({ file: join(dir.path, 'fieldbatch.db'), logger: silentLogger, now: () => Date.now() });
    outbox = new OutboxRepository(db, () => Date.now());
    worker = new SyncWorker({ outbox, clock: systemClock, logger: silentLogger });
    service = new SyncSettingsService({
      settings: new SettingsRepository(db),
      secrets: new FileSecretStore(join(dir.path, 's.json'), new KeyFileCipher(join(dir.path, 's.key'))),
      worker,
      ids: createRandomIdSource(),
      logger: silentLogger,
      forget: (id) => outbox.dropCursor(id),
      build: (settings, secrets) => buildSyncTarget(settings, secrets, systemClock),
    });
    hawkbit = {
      kind: 'hawkbit',
      name: 'hawkBit',
      baseUrl,
      username: 'admin',
      password: 's3cret',
      distributionSetName: 'Tasmota',
      caPem: certificates.caPem,
    };
  });
  afterEach(async () => {
    await worker.stop();
    await stub.stop();
    db.close();
    dir.cleanup();
    certificates.cleanup();
  });

  it('shows a missing distribution set as an error, and delivers once the settings name the right one', async () => {
    outbox.enqueue([
      {
        id: 'exec:job_1:dev_a:1:succeeded',
        kind: 'job.execution',
        at: 1,
        body: { schema: 1, deviceId: 'dev_a', state: 'succeeded', firmware: { version: '1.6.0' } },
      },
    ]);
    const { id } = await service.save(SyncTargetSaveSchema.parse(hawkbit));
    const failed = await service.syncNow();
    expect(failed.targets).toEqual([
      expect.objectContaining({
        state: 'error',
        pending: 1,
        lastError: 'hawkBit has no distribution set "Tasmota" version 1.6.0: create it, then Sync now',
      }),
    ]);
    expect(JSON.stringify(service.list())).not.toContain('s3cret');

    await service.save(
      SyncTargetSaveSchema.parse({
        ...hawkbit,
        id,
        password: undefined,
        distributionSetName: 'Shelly Plus 1',
      }),
    );
    const synced = await service.syncNow();
    expect(synced.targets).toEqual([expect.objectContaining({ state: 'idle', pending: 0, lastError: null })]);
    expect(synced.totalPending).toBe(0);
    expect(stub.installed.get('dev_a')).toEqual([8]);
  });
});
