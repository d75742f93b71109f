import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import { JobSpecSchema, type JobId, type JobProgress, type JobSpecInput } from '../../../shared/domain/job';
import type { DeviceDriver, StepServices } from '../drivers/device-driver';
import { DriverRegistry } from '../drivers/driver-registry';
import { FakeDriver } from '../drivers/fake/fake-driver';
import { DomainError } from '../errors';
import { createRandomIdSource } from '../ids';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { DeviceRepository } from '../storage/repositories/device-repository';
import { JobRepository } from '../storage/repositories/job-repository';
import { RecordingSink } from '../test-support/recording-sink';
import { seedDevices } from '../test-support/seed-devices';
import { JobEngine } from './job-engine';

const spec = (deviceIds: DeviceId[], policy: Partial<JobSpecInput['policy']> = {}) =>
  JobSpecSchema.parse({
    version: 1,
    name: 'Reboot',
    targets: { deviceIds },
    steps: [{ action: 'reboot' }],
    policy,
  });

const unusedServices: StepServices = {
  firmwareFor: async () => null,
  credentialsFor: async () => null,
  credentialSet: async () => null,
  rememberCredentials: async () => {},
  saveArtifact: async () => {
    throw new Error('no artifacts in these tests');
  },
};

/** Wraps a driver to measure how many steps run at once. */
function countingConcurrency(inner: DeviceDriver): { driver: DeviceDriver; max: () => number } {
  let now = 0;
  let max = 0;
  const driver = Object.create(inner) as DeviceDriver;
  driver.runStep = async (step, target, ctx) => {
    max = Math.max(max, ++now);
    try {
      return await inner.runStep(step, target, ctx);
    } finally {
      now--;
    }
  };
  return { driver, max: () => max };
}

describe('JobEngine', () => {
  let db: Db;
  let devices: DeviceRepository;
  let jobs: JobRepository;
  let sink: RecordingSink;
  let fake: FakeDriver;
  let ids: DeviceId[];

  const engineWith = (driver: DeviceDriver, events = sink) =>
    new JobEngine({
      services: () => unusedServices,
      jobs,
      devices,
      drivers: new DriverRegistry([driver]),
      events,
      clock: { now: () => Date.now() },
      ids: createRandomIdSource(),
      logger: silentLogger,
    });

  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    devices = new DeviceRepository(db);
    jobs = new JobRepository(db);
    sink = new RecordingSink();
    fake = new FakeDriver('shelly', { kind: 'succeed', delayMs: 5 });
    ids = seedDevices(devices, 30);
  });
  afterEach(() => db.close());

  it('runs every device once, never more than `concurrency` at a time', async () => {
    const counted = countingConcurrency(fake);
    const engine = engineWith(counted.driver);
    const jobId = engine.start(spec(ids, { concurrency: 4 }));
    await engine.whenSettled(jobId);
    const detail = engine.get(jobId);
    expect(detail.job.state).toBe('completed');
    expect(detail.job.counts.succeeded).toBe(30);
    expect(counted.max()).toBe(4);
    expect(fake.calls.map((c) => c.deviceId).sort()).toEqual([...ids].sort());
  });

  it('records failures with their reason and carries on with the batch', async () => {
    fake.script(ids[0]!, { kind: 'fail', reason: 'bad-reply', message: 'garbage' });
    fake.script(ids[1]!, { kind: 'fail', reason: 'unreachable' });
    const engine = engineWith(fake);
    const jobId = engine.start(spec(ids.slice(0, 6), { concurrency: 2 }));
    await engine.whenSettled(jobId);
    const { job, executions } = engine.get(jobId);
    expect(job.counts).toMatchObject({ succeeded: 4, failed: 2 });
    expect(executions.find((e) => e.deviceId === ids[0])).toMatchObject({
      state: 'failed',
      reason: 'bad-reply',
      message: 'garbage',
    });
    expect(executions.find((e) => e.deviceId === ids[1])).toMatchObject({
      state: 'failed',
      reason: 'unreachable',
    });
  });

  it('writes each state to SQLite before it tells anyone', async () => {
    let checked = 0;
    const strictSink = new RecordingSink((event) => {
      if (event.name !== 'jobs.progressed') return;
      const progress = event.payload as JobProgress;
      const stored = jobs.detail(progress.job.id)!;
      expect(stored.job.state).toBe(progress.job.state);
      for (const e of progress.executions) {
        expect(stored.executions.find((s) => s.deviceId === e.deviceId)?.state).toBe(e.state);
        checked++;
      }
    });
    const engine = engineWith(fake, strictSink);
    const jobId = engine.start(spec(ids.slice(0, 5)));
    await engine.whenSettled(jobId);
    expect(checked).toBe(10);
    const journal = jobs.journal(jobId);
    expect(journal.filter((j) => j.deviceId === ids[0]).map((j) => `${j.from}>${j.to}`)).toEqual([
      'queued>running',
      'running>succeeded',
    ]);
    expect(journal.at(-1)).toMatchObject({ deviceId: null, from: 'running', to: 'completed' });
  });

  it('fails a step that overruns its budget as a timeout', async () => {
    fake.script(ids[0]!, { kind: 'hang' });
    const engine = engineWith(fake);
    const jobId = engine.start(spec(ids.slice(0, 3), { stepTimeoutMs: 1_000 }));
    await engine.whenSettled(jobId);
    const { job, executions } = engine.get(jobId);
    expect(job.counts).toMatchObject({ succeeded: 2, failed: 1 });
    expect(executions[0]).toMatchObject({ state: 'failed', reason: 'timeout' });
  });

  it('cancels queued and running devices and refuses a second cancel once finished', async () => {
    for (const id of ids) fake.script(id, { kind: 'hang' });
    const engine = engineWith(fake);
    const jobId = engine.start(spec(ids.slice(0, 10), { concurrency: 3 }));
    await new Promise((r) => setTimeout(r, 20));
    expect(engine.cancel(jobId)).toBe('canceling');
    await engine.whenSettled(jobId);
    const { job } = engine.get(jobId);
    expect(job.state).toBe('canceled');
    expect(job.counts).toMatchObject({ canceled: 10 });
    expect(fake.calls).toHaveLength(3);
    expect(() => engine.cancel(jobId)).toThrow(DomainError);
    expect(() => engine.cancel('job_doesnotexist0' as JobId)).toThrow(/no job/);
  });

  it('refuses targets that are not in the inventory and creates nothing', () => {
    const engine = engineWith(fake);
    expect(() => engine.start(spec([ids[0]!, 'mac:000000000000' as DeviceId]))).toThrow(
      /not in the inventory/,
    );
    expect(engine.list()).toEqual([]);
  });

  it('counts a device listed twice once', async () => {
    const engine = engineWith(fake);
    const jobId = engine.start(spec([ids[0]!, ids[0]!, ids[1]!]));
    await engine.whenSettled(jobId);
    expect(engine.get(jobId).job.total).toBe(2);
  });

  it('after a crash, marks the steps that were in flight interrupted and leaves queued work queued', async () => {
    for (const id of ids) fake.script(id, { kind: 'hang' });
    const crashed = engineWith(fake);
    const jobId = crashed.start(spec(ids.slice(0, 5), { concurrency: 2 }));
    await new Promise((r) => setTimeout(r, 20));
    // The old engine is abandoned as a killed process would be; a new one opens the same database.
    const restarted = engineWith(new FakeDriver());
    restarted.recoverAfterRestart();
    const { job, executions } = restarted.get(jobId);
    expect(job.state).toBe('interrupted');
    expect(job.counts).toMatchObject({ interrupted: 2, queued: 3 });
    expect(executions.filter((e) => e.state === 'interrupted').every((e) => e.startedAt !== null)).toBe(true);
    await crashed.shutdown();
  });

  it('on shutdown records running steps as interrupted', async () => {
    fake.script(ids[0]!, { kind: 'hang' });
    const engine = engineWith(fake);
    const jobId = engine.start(spec(ids.slice(0, 1)));
    await new Promise((r) => setTimeout(r, 10));
    await engine.shutdown();
    expect(engine.get(jobId)).toMatchObject({
      job: { state: 'interrupted' },
      executions: [{ state: 'interrupted' }],
    });
  });
});
