import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { JobId, JobSpec } from '../../../shared/domain/job';
import { FakeDriver } from '../../../test-support/drivers/fake/fake-driver';
import { RecordingSink } from '../../../test-support/core/recording-sink';
import { seedDevices } from '../../../test-support/core/seed-devices';
import { engineOn, planAll, spec } from '../../../test-support/jobs/job-engine-test-kit';
import { waitUntil } from '../../../simulator/test-support/http-client';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { DeviceRepository } from '../storage/repositories/device-repository';
import { InMemoryJobStore } from './in-memory-job-store';
import type { JobEngine } from './job-engine';

/** What the engine answers about the jobs it runs, and where it reads it from. */
describe('JobEngine reads', () => {
  let db: Db;
  let devices: DeviceRepository;
  let jobs: InMemoryJobStore;
  let ids: DeviceId[];
  let engines: JobEngine[];

  const engineWith = (kind: 'hang' | 'succeed') => {
    const engine = engineOn(db, {
      devices,
      driver: new FakeDriver('shelly', { kind }),
      events: new RecordingSink(),
      jobs,
    });
    engines.push(engine);
    return engine;
  };
  const start = (engine: JobEngine, s: JobSpec) =>
    engine.startPlanned({ spec: s, confirmDevices: s.targets.deviceIds.length }, planAll(s));
  const exec = (jobId: JobId, id: DeviceId) => jobs.executions(jobId).find((e) => e.deviceId === id)!;

  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    devices = new DeviceRepository(db);
    jobs = new InMemoryJobStore();
    ids = seedDevices(devices, 4);
    engines = [];
  });
  afterEach(async () => {
    for (const engine of engines) await engine.shutdown();
    db.close();
  });

  it('starts from the same state it stored: the live summary agrees with the store', async () => {
    const engine = engineWith('hang');
    const s = spec(ids.slice(0, 4), { canary: { count: 1 }, schedule: { startAt: Date.now() + 60_000 } });
    const plan = planAll(s);
    plan.devices[3] = {
      ...plan.devices[3]!,
      wave: null,
      skip: { reason: 'never-touch', message: 'never touch' },
    };
    const jobId = await engine.startPlanned({ spec: s, confirmDevices: 3 }, { ...plan, runnable: 3 });
    const live = engine.get(jobId).job;
    const stored = jobs.detail(jobId)!.job;
    // What the live view adds: the waves as they stand and the time left (none while scheduled).
    expect(live).toEqual({ ...stored, waves: live.waves, eta: null });
    expect(live.counts).toMatchObject({ queued: 3, skipped: 1 });
    expect(live.waves.map((w) => [w.index, w.size, w.canary])).toEqual(
      stored.waves.map((w) => [w.index, w.size, w.canary]),
    );
    expect(engine.get(jobId).executions.map((e) => e.state)).toEqual([
      'queued',
      'queued',
      'queued',
      'skipped',
    ]);
  });

  it('reads a job it runs from memory: a read writes nothing and shows changes before they are on disk', async () => {
    const engine = engineWith('hang');
    const jobId = await start(engine, spec(ids.slice(0, 3), { concurrency: 1 }));
    await waitUntil(() => jobs.executions(jobId).some((e) => e.state === 'running'));
    let commits = 0;
    const commit = jobs.commit.bind(jobs);
    jobs.commit = (writes, inTransaction) => {
      commits += 1;
      commit(writes, inTransaction);
    };
    const held = engine.controlDevice(jobId, ids[2]!, 'hold');
    const detail = engine.get(jobId);
    expect(detail.executions[2]).toEqual(held);
    expect(detail.seq).toBeGreaterThan(0);
    expect(exec(jobId, ids[2]!).held).toBe(false);
    expect(engine.list().find((j) => j.id === jobId)!.counts.queued).toBe(2);
    expect(engine.log(jobId, 0, 100).some((l) => l.event === 'device-hold')).toBe(false);
    expect(commits).toBe(0);
    await waitUntil(() => exec(jobId, ids[2]!).held);
    expect(engine.log(jobId, 0, 100).some((l) => l.event === 'device-hold')).toBe(true);
  });

  it('reads an ended job from the store, with the last commit it holds', async () => {
    const engine = engineWith('succeed');
    const jobId = await start(engine, spec(ids.slice(0, 2)));
    await engine.whenSettled(jobId);
    await waitUntil(() => jobs.find(jobId)?.state === 'completed');
    const detail = engine.get(jobId);
    expect(detail).toEqual({ ...jobs.detail(jobId), seq: detail.seq });
    expect(detail.seq).toBeGreaterThan(0);
  });
});
