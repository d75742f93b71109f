import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import { FakeDriver } from '../../../test-support/drivers/fake/fake-driver';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { DeviceRepository } from '../storage/repositories/device-repository';
import { RecordingSink } from '../../../test-support/core/recording-sink';
import { seedDevices } from '../../../test-support/core/seed-devices';
import type { JobEngine } from './job-engine';
import { engineOn, planAll, spec } from '../../../test-support/jobs/job-engine-test-kit';

describe('a job waiting for an offline device', () => {
  let db: Db;
  let devices: DeviceRepository;
  let engine: JobEngine;
  let id: DeviceId;

  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    devices = new DeviceRepository(db);
    [id] = seedDevices(devices, 1) as [DeviceId];
    engine = engineOn(db, { devices, driver: new FakeDriver('shelly'), events: new RecordingSink() });
  });
  afterEach(async () => {
    await engine.shutdown();
    db.close();
  });

  const startWith = async (offline: 'defer' | 'skip') => {
    const s = spec([id], { offline: { mode: offline, deadlineMs: 60_000 } });
    const jobId = await engine.startPlanned({ spec: s, confirmDevices: 1 }, planAll(s));
    for (;;) {
      const row = engine.get(jobId).executions[0]!;
      if (row.state !== 'queued') return row;
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it.each([
    ['timeout', 'offline (it stopped answering)'],
    ['unreachable', 'offline (it could not be reached)'],
  ] as const)('says why, in the words of the inventory reason %s', async (reason, words) => {
    devices.markEndpointOffline('mdns', 'http', '127.0.0.1:20000', reason, 2_000);
    expect(devices.get(id)).toMatchObject({ online: false, offlineReason: reason });
    expect(await startWith('defer')).toMatchObject({ state: 'waiting-offline', message: words });
  });

  it('skips it with the same words when the job does not wait', async () => {
    devices.markEndpointOffline('mdns', 'http', '127.0.0.1:20000', 'lwt-offline', 2_000);
    expect(await startWith('skip')).toMatchObject({
      state: 'skipped',
      skipReason: 'offline',
      message: 'offline (its MQTT last will says offline)',
    });
  });
});
