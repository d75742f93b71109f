import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { JobId, JobSpec, JobState } from '../../../shared/domain/job';
import { FakeDriver } from '../../../test-support/drivers/fake/fake-driver';
import { planAll, services, spec } from '../../../test-support/jobs/job-engine-test-kit';
import { DriverRegistry } from '../drivers/driver-registry';
import { createRandomIdSource } from '../ids';
import type { DeviceLookup, JobTarget } from '../jobs/device-lookup';
import { InMemoryJobStore } from '../jobs/in-memory-job-store';
import { JobEngine } from '../jobs/job-engine';
import { JobEventStream, type JobCommitted } from '../jobs/job-events';
import { silentLogger } from '../logging/json-logger';
import { openDatabase } from '../storage/database';
import { SettingsRepository } from '../storage/repositories/settings-repository';
import { FirmwareJobHooks } from './job-hooks';

const IMG = 'f'.repeat(64);
const OTHER = '0'.repeat(64);
const A = 'job_aaaaaaaaaa' as JobId;
const B = 'job_bbbbbbbbbb' as JobId;
const updating = (images = [IMG]): JobSpec =>
  spec(['mac:a1' as DeviceId], {}, [{ action: 'reboot' }, { action: 'firmware-update', images }]);

let seq = 0;
const committed = (jobId: JobId, over: Partial<JobCommitted>): JobCommitted => ({
  seq: ++seq,
  jobId,
  at: seq,
  created: null,
  job: null,
  executions: [],
  ...over,
});
const created = (jobId: JobId, s: JobSpec) =>
  committed(jobId, {
    created: { spec: s, retryOf: null },
    job: { event: 'created', from: null, to: 'scheduled' },
  });
const moved = (jobId: JobId, from: JobState, to: JobState) =>
  committed(jobId, { job: { event: to, from, to } });

describe('firmware job hooks', () => {
  it('revokes a job’s token once it leaves the unfinished states (completed or canceled), not on a pause', () => {
    const revoked: JobId[] = [];
    const hooks = new FirmwareJobHooks((id) => void revoked.push(id), []);
    hooks.committed([created(A, updating()), created(B, updating())]);
    hooks.committed([moved(A, 'scheduled', 'running'), moved(B, 'scheduled', 'running')]);
    hooks.committed([moved(A, 'running', 'paused'), moved(B, 'running', 'canceling')]);
    hooks.committed([committed(A, { executions: [] })]);
    expect(revoked).toEqual([]);
    hooks.committed([moved(B, 'canceling', 'canceled')]);
    expect(revoked).toEqual([B]);
    hooks.committed([moved(A, 'paused', 'running')]);
    hooks.committed([moved(A, 'running', 'completed')]);
    expect(revoked).toEqual([B, A]);
  });

  it('counts an image in use while a job listing it is unfinished, and not after', () => {
    const hooks = new FirmwareJobHooks(() => undefined, []);
    expect(hooks.isImageInUse(IMG)).toBe(false);
    hooks.committed([created(A, updating()), created(B, updating([OTHER]))]);
    expect(hooks.isImageInUse(IMG)).toBe(true);
    hooks.committed([moved(A, 'scheduled', 'paused')]);
    expect(hooks.isImageInUse(IMG)).toBe(true);
    hooks.committed([moved(A, 'paused', 'canceled')]);
    expect(hooks.isImageInUse(IMG)).toBe(false);
    expect(hooks.isImageInUse(OTHER)).toBe(true);
    hooks.committed([moved(B, 'running', 'completed')]);
    expect(hooks.isImageInUse(OTHER)).toBe(false);
  });

  it('counts the images of jobs found unfinished at start, until they end', () => {
    const hooks = new FirmwareJobHooks(
      () => undefined,
      [
        { id: A, spec: updating() },
        { id: B, spec: null },
      ],
    );
    expect(hooks.isImageInUse(IMG)).toBe(true);
    hooks.committed([moved(A, 'running', 'completed')]);
    expect(hooks.isImageInUse(IMG)).toBe(false);
  });
});

describe('firmware job hooks on a running engine', () => {
  it('holds an image while a job using it runs, and revokes the job’s token once it is canceled or completed', async () => {
    const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    const target = { family: 'shelly', mac: null, model: 'SNSW-001P16EU', online: true, offlineReason: null };
    const lookup: DeviceLookup = {
      jobTarget: () =>
        ({ ...target, endpoints: [{ transport: 'http', host: '127.0.0.1', port: 1 }] }) as JobTarget,
      jobTargets: (ids) => new Map(ids.map((id) => [id, lookup.jobTarget(id)!])),
      label: () => null,
      recordReadBack: () => null,
    };
    const stream = new JobEventStream(silentLogger);
    const revoked: JobId[] = [];
    const hooks = new FirmwareJobHooks((id) => void revoked.push(id), []);
    stream.subscribe(hooks);
    const engine = new JobEngine({
      services: () => services,
      jobs: new InMemoryJobStore(),
      devices: lookup,
      drivers: new DriverRegistry([new FakeDriver('shelly', { kind: 'succeed', delayMs: 30 })]),
      settings: new SettingsRepository(db),
      events: { emit: () => undefined },
      clock: { now: () => Date.now() },
      ids: createRandomIdSource(),
      logger: silentLogger,
      resolveTargets: (s) => s.targets.deviceIds,
      stream,
    });
    const start = async (devices: DeviceId[]) => {
      const s = updating();
      const job = {
        ...s,
        targets: { ...s.targets, deviceIds: devices },
        policy: { ...s.policy, concurrency: 1 },
      };
      return engine.startPlanned({ spec: job, confirmDevices: devices.length }, planAll(job));
    };
    try {
      const completed = await start(['mac:a1' as DeviceId]);
      expect(hooks.isImageInUse(IMG)).toBe(true);
      await engine.whenSettled(completed);
      expect(revoked).toEqual([completed]);
      expect(hooks.isImageInUse(IMG)).toBe(false);

      const canceled = await start(['mac:a1', 'mac:a2', 'mac:a3'] as DeviceId[]);
      expect(hooks.isImageInUse(IMG)).toBe(true);
      engine.cancel(canceled);
      await engine.whenSettled(canceled);
      expect(revoked).toEqual([completed, canceled]);
      expect(hooks.isImageInUse(IMG)).toBe(false);
    } finally {
      await engine.shutdown();
      db.close();
    }
  });
});
