import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import { JobSpecSchema, type JobId, type JobSpec } from '../../../shared/domain/job';
import type { DeviceDriver, DeviceTarget } from '../drivers/device-driver';
import { DeviceError } from '../device-error';
import { DriverRegistry } from '../drivers/driver-registry';
import { FakeDriver } from '../../../test-support/drivers/fake/fake-driver';
import { endpointKey } from '../discovery/endpoint-key';
import { DomainError } from '../errors';
import { createRandomIdSource } from '../ids';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { DeviceRepository } from '../storage/repositories/device-repository';
import { SettingsRepository } from '../storage/repositories/settings-repository';
import { RecordingSink } from '../../../test-support/core/recording-sink';
import { seedDevices } from '../../../test-support/core/seed-devices';
import { InMemoryJobStore } from './in-memory-job-store';
import { JobEngine, type JobEngineDeps } from './job-engine';
import { crashEvent } from './job-state';
import { waitUntil } from '../../../simulator/test-support/http-client';
import { planAll, services, spec } from '../../../test-support/jobs/job-engine-test-kit';

/** Wraps a driver: counts steps at once, records start times, and lets a test replace single calls. */
function instrumented(inner: DeviceDriver) {
  let now = 0;
  let max = 0;
  const starts: { id: string; at: number }[] = [];
  const driver = Object.create(inner) as DeviceDriver;
  const hooks: { before?: (target: DeviceTarget) => void | Promise<void> } = {};
  driver.runStep = async (step, target, ctx) => {
    starts.push({ id: target.id, at: Date.now() });
    await hooks.before?.(target);
    max = Math.max(max, ++now);
    try {
      return await inner.runStep(step, target, ctx);
    } finally {
      now--;
    }
  };
  return { driver, max: () => max, starts, hooks };
}

describe('JobEngine', () => {
  let db: Db;
  let devices: DeviceRepository;
  let jobs: InMemoryJobStore;
  let sink: RecordingSink;
  let fake: FakeDriver;
  let ids: DeviceId[];
  let engines: JobEngine[];

  const engineWith = (driver: DeviceDriver, extra: Partial<JobEngineDeps> = {}) => {
    const engine = new JobEngine({
      services: () => services,
      jobs,
      devices,
      drivers: new DriverRegistry([driver]),
      settings: new SettingsRepository(db),
      events: sink,
      clock: { now: () => Date.now() },
      ids: createRandomIdSource(),
      logger: silentLogger,
      resolveTargets: (s) => s.targets.deviceIds,
      random: () => 0.5,
      tickMs: 20,
      ...extra,
    });
    engines.push(engine);
    return engine;
  };
  const start = (engine: JobEngine, s: JobSpec) =>
    engine.startPlanned(
      { spec: s, confirmDevices: s.targets.deviceIds.length, typedConfirmation: s.name },
      planAll(s),
    );
  const states = (jobId: JobId) => jobs.executions(jobId).map((e) => e.state);
  const exec = (jobId: JobId, id: DeviceId) => jobs.executions(jobId).find((e) => e.deviceId === id)!;
  const counts = (jobId: JobId) => jobs.detail(jobId)!.job.counts;

  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    devices = new DeviceRepository(db);
    jobs = new InMemoryJobStore();
    sink = new RecordingSink();
    fake = new FakeDriver('shelly', { kind: 'succeed', delayMs: 5 });
    ids = seedDevices(devices, 30);
    engines = [];
  });
  afterEach(async () => {
    for (const engine of engines) await engine.shutdown();
    db.close();
  });

  it('runs every device within the concurrency limit, writing each start before the device hears of it', async () => {
    const probe = instrumented(fake);
    const engine = engineWith(probe.driver);
    let jobId: JobId | null = null;
    probe.hooks.before = (target) => {
      // When its step is sent, the journal on disk already says the device may have been contacted: a crash
      // now would have it re-verified (its row says running, or it is queued under a newer announcement).
      if (!jobId) return;
      const row = exec(jobId, target.id);
      expect(crashEvent(row, jobs.announcements(jobId).get(row.deviceId), Date.now())).not.toBeNull();
    };
    jobId = await start(engine, spec(ids, { concurrency: 4 }));
    await engine.whenSettled(jobId);
    expect(states(jobId).every((s) => s === 'succeeded')).toBe(true);
    expect(probe.max()).toBe(4);
    expect(engine.get(jobId).job).toMatchObject({ state: 'completed', total: 30 });
    const log = jobs.log(jobId, 0, 1_000);
    expect(log.filter((l) => l.event === 'started')).toHaveLength(30);
    expect(log.at(-1)).toMatchObject({ event: 'completed', to: 'completed' });
  });

  it('refuses a start whose confirmation does not match the plan', async () => {
    const engine = engineWith(fake);
    const s = spec(ids.slice(0, 3), {}, [{ action: 'factory-reset' }]);
    const problem = (e: unknown) => ((e as DomainError).details as { problem: string }).problem;
    await expect(engine.startPlanned({ spec: s, confirmDevices: 2 }, planAll(s))).rejects.toSatisfy(
      (e) => problem(e) === 'plan-changed',
    );
    await expect(
      engine.startPlanned({ spec: s, confirmDevices: 3, typedConfirmation: 'reboot' }, planAll(s)),
    ).rejects.toSatisfy((e) => problem(e) === 'confirmation-required');
    await expect(
      engine.startPlanned({ spec: s, confirmDevices: 0 }, { ...planAll(s), runnable: 0 }),
    ).rejects.toSatisfy((e) => problem(e) === 'nothing-to-run');
    expect(jobs.list()).toEqual([]);
  });

  it('runs the canary alone, then each wave only after the previous one passed its gate', async () => {
    const probe = instrumented(fake);
    const engine = engineWith(probe.driver);
    const jobId = await start(
      engine,
      spec(ids.slice(0, 7), { concurrency: 10, canary: { count: 1 }, waves: { sizes: [2] } }),
    );
    await engine.whenSettled(jobId);
    const order = probe.starts.map((s) => exec(jobId, s.id as DeviceId).wave);
    expect(order).toEqual([0, 1, 1, 2, 2, 2, 2]);
    expect(engine.get(jobId).job.waves.map((w) => [w.size, w.state, w.canary])).toEqual([
      [1, 'done', true],
      [2, 'done', false],
      [4, 'done', false],
    ]);
  });

  it('pauses at a manual gate and at a gate that was not met; next wave goes on', async () => {
    fake.script(ids[0]!, { kind: 'fail', reason: 'device-error' });
    const engine = engineWith(fake);
    const jobId = await start(
      engine,
      spec(ids.slice(0, 5), {
        canary: { count: 1 },
        retries: { max: 0 },
        waveGate: { successPercent: 100, advance: 'auto' },
      }),
    );
    await waitUntil(() => engine.get(jobId).job.state === 'paused');
    expect(engine.get(jobId).job).toMatchObject({ pauseReason: 'wave-gate', currentWave: 0 });
    expect(engine.get(jobId).job.pauseMessage).toContain('0 % succeeded, below the gate of 100 %');
    expect(states(jobId).filter((s) => s === 'queued')).toHaveLength(4);
    expect(engine.nextWave(jobId)).toEqual({ state: 'running', currentWave: 1 });
    await engine.whenSettled(jobId);
    expect(states(jobId)).toEqual(['failed', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);

    const manual = await start(
      engine,
      spec(ids.slice(5, 8), { canary: { count: 1 }, waveGate: { advance: 'manual' } }),
    );
    await waitUntil(() => engine.get(manual).job.state === 'paused');
    expect(engine.get(manual).job.pauseMessage).toBe(
      'Canary done (100 % succeeded): click “Next wave” to start Wave 1',
    );
    engine.nextWave(manual);
    await engine.whenSettled(manual);
    expect(() => engine.nextWave(manual)).toThrow(DomainError);
  });

  it('retries retryable failures with back-off, a bounded number of times', async () => {
    const flaky = instrumented(fake);
    let calls = 0;
    flaky.hooks.before = (target) => {
      if (target.id === ids[0] && ++calls <= 2) throw new DeviceError('unreachable', 'connection refused');
    };
    fake.script(ids[1]!, { kind: 'fail', reason: 'timeout' });
    fake.script(ids[2]!, { kind: 'fail', reason: 'device-error' });
    const engine = engineWith(flaky.driver);
    const jobId = await start(
      engine,
      spec(ids.slice(0, 3), {
        retries: { max: 2, baseDelayMs: 10, maxDelayMs: 40, retryOn: ['unreachable', 'timeout'] },
      }),
    );
    await engine.whenSettled(jobId);
    expect(exec(jobId, ids[0]!)).toMatchObject({ state: 'succeeded', attempt: 3 });
    expect(exec(jobId, ids[1]!)).toMatchObject({ state: 'timed-out', attempt: 3, reason: 'timeout' });
    expect(exec(jobId, ids[2]!)).toMatchObject({ state: 'failed', attempt: 1, reason: 'device-error' });
    expect(flaky.starts.filter((s) => s.id === ids[1])).toHaveLength(3);
  });

  it('ends a step that overruns its budget as timed-out and frees the worker', async () => {
    fake.script(ids[0]!, { kind: 'hang' });
    const engine = engineWith(fake);
    const jobId = await start(
      engine,
      spec(ids.slice(0, 3), { concurrency: 1, stepTimeoutMs: 1_000, retries: { max: 0 } }),
    );
    await engine.whenSettled(jobId);
    expect(states(jobId)).toEqual(['timed-out', 'succeeded', 'succeeded']);
  });

  it('pauses on the abort threshold, and counts afresh after a resume', async () => {
    for (const id of ids.slice(0, 4)) fake.script(id, { kind: 'fail', reason: 'not-verified' });
    const engine = engineWith(fake);
    const jobId = await start(
      engine,
      spec(ids.slice(0, 20), {
        concurrency: 1,
        retries: { max: 0 },
        abort: { failurePercent: 50, minExecuted: 3 },
      }),
    );
    await waitUntil(() => engine.get(jobId).job.state === 'paused');
    const paused = engine.get(jobId).job;
    expect(paused).toMatchObject({ pauseReason: 'abort-threshold' });
    expect(paused.pauseMessage).toMatch(/100\.0 % failed \(limit 50 %\) after 3 devices/);
    expect(paused.counts.failed).toBe(3);
    engine.resume(jobId);
    await engine.whenSettled(jobId);
    expect(engine.get(jobId).job.counts).toMatchObject({ failed: 4, succeeded: 16 });
  });

  it('pauses, resumes and cancels a job; holds, releases and cancels one device', async () => {
    const engine = engineWith(new FakeDriver('shelly', { kind: 'succeed', delayMs: 30 }));
    const jobId = await start(engine, spec(ids.slice(0, 10), { concurrency: 2 }));
    engine.controlDevice(jobId, ids[9]!, 'hold');
    engine.controlDevice(jobId, ids[8]!, 'cancel');
    expect(engine.pause(jobId)).toBe('paused');
    await new Promise((r) => setTimeout(r, 80));
    const atPause = counts(jobId);
    expect(atPause.running).toBe(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(counts(jobId).succeeded).toBe(atPause.succeeded);
    expect(engine.resume(jobId)).toBe('running');
    await waitUntil(() => engine.get(jobId).job.state === 'paused');
    expect(engine.get(jobId).job.pauseReason).toBe('needs-decision');
    engine.controlDevice(jobId, ids[9]!, 'release');
    await engine.whenSettled(jobId);
    expect(exec(jobId, ids[8]!).state).toBe('canceled');
    expect(exec(jobId, ids[9]!).state).toBe('succeeded');

    // A step that never ends on the device is not cut off by the cancel: its own timeout ends it (timed-out,
    // not canceled); the two devices not started are canceled.
    const hanging = engineWith(new FakeDriver('shelly', { kind: 'hang' }));
    const other = await start(
      hanging,
      spec(ids.slice(10, 14), { concurrency: 2, stepTimeoutMs: 1_000, retries: { max: 0 } }),
    );
    await waitUntil(() => counts(other).running === 2);
    expect(hanging.cancel(other)).toBe('canceling');
    await hanging.whenSettled(other);
    expect(states(other).sort()).toEqual(['canceled', 'canceled', 'timed-out', 'timed-out']);
    expect(engine.get(other).job.state).toBe('canceled');
    expect(() => hanging.cancel(other)).toThrow(DomainError);
  });

  it('lets a step already on the device finish when the job is canceled, then sends nothing more', async () => {
    const engine = engineWith(new FakeDriver('shelly', { kind: 'succeed', delayMs: 150 }));
    const twoSteps = spec(ids.slice(0, 3), { concurrency: 1 }, [{ action: 'reboot' }, { action: 'reboot' }]);
    const jobId = await start(engine, twoSteps);
    await waitUntil(() => counts(jobId).running === 1);
    expect(engine.cancel(jobId)).toBe('canceling');
    await engine.whenSettled(jobId);
    const first = exec(jobId, ids[0]!);
    // Not "canceled" mid-reboot: step 1 ran to its verified end, step 2 was never sent.
    expect(first).toMatchObject({ state: 'canceled', result: expect.any(String) });
    expect(first.message).toContain('after step 1 of 2 finished');
    expect(exec(jobId, ids[1]!)).toMatchObject({ state: 'canceled', startedAt: null });

    const single = await start(engine, spec(ids.slice(3, 5), { concurrency: 1 }));
    await waitUntil(() => counts(single).running === 1);
    engine.controlDevice(single, ids[3]!, 'cancel');
    engine.cancel(single);
    await engine.whenSettled(single);
    expect(exec(single, ids[3]!).state).toBe('succeeded');
    expect(exec(single, ids[4]!).state).toBe('canceled');
  });

  it('waits for an offline device, does it when it is back, and gives up after the deadline', async () => {
    const key = (id: DeviceId) => endpointKey(devices.endpoints(id)[0]!.endpoint);
    const offline = (id: DeviceId) =>
      devices.markEndpointOffline('mdns', 'http', key(id), 'goodbye', Date.now());
    offline(ids[0]!);
    offline(ids[1]!);
    const engine = engineWith(fake);
    const jobId = await start(engine, spec(ids.slice(0, 3), { offline: { mode: 'defer', deadlineMs: 400 } }));
    await waitUntil(() => exec(jobId, ids[2]!).state === 'succeeded');
    expect(exec(jobId, ids[0]!).state).toBe('waiting-offline');
    seedDevices(devices, 1); // ids[0] is seen again
    await engine.whenSettled(jobId);
    expect(exec(jobId, ids[0]!).state).toBe('succeeded');
    expect(exec(jobId, ids[1]!)).toMatchObject({ state: 'skipped', skipReason: 'not-reached' });
  });

  it('keeps a transport within its own limit', async () => {
    const probe = instrumented(new FakeDriver('shelly', { kind: 'succeed', delayMs: 20 }));
    const engine = engineWith(probe.driver);
    const jobId = await start(
      engine,
      spec(ids.slice(0, 8), { concurrency: 8, transportConcurrency: { http: 2 } }),
    );
    await engine.whenSettled(jobId);
    expect(probe.max()).toBe(2);
  });

  it('spaces device starts by the rate and restarts by the stagger', async () => {
    const probe = instrumented(fake);
    const engine = engineWith(probe.driver);
    const jobId = await start(engine, spec(ids.slice(0, 4), { concurrency: 4, ratePerMinute: 1_200 }));
    await engine.whenSettled(jobId);
    const gaps = probe.starts.slice(1).map((s, i) => s.at - probe.starts[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(45);

    const staggered = instrumented(fake);
    const engine2 = engineWith(staggered.driver);
    const second = await start(engine2, spec(ids.slice(4, 8), { concurrency: 4, rebootStaggerMs: 60 }));
    await engine2.whenSettled(second);
    const gaps2 = staggered.starts.slice(1).map((s, i) => s.at - staggered.starts[i]!.at);
    expect(Math.min(...gaps2)).toBeGreaterThanOrEqual(55);
  });

  it('stays scheduled until its start time, then runs', async () => {
    const engine = engineWith(fake);
    const startAt = Date.now() + 300;
    const jobId = await start(engine, spec(ids.slice(0, 2), { schedule: { startAt } }));
    expect(engine.get(jobId).job.state).toBe('scheduled');
    expect(states(jobId)).toEqual(['queued', 'queued']);
    await engine.whenSettled(jobId);
    const job = engine.get(jobId).job;
    expect(job.state).toBe('completed');
    expect(job.startedAt).toBeGreaterThanOrEqual(startAt);
  });

  it('takes in devices that join a target group while it runs, when asked to', async () => {
    let members = ids.slice(0, 2);
    const engine = newMembersEngine(() => members);
    const s = JobSpecSchema.parse({
      version: 1,
      name: 'Reboot the group',
      targets: { deviceIds: members, includeNewMembers: true },
      steps: [{ action: 'reboot' }],
      policy: { concurrency: 1 },
    });
    const jobId = await start(engine, s);
    members = [...members, ids[2]!];
    await engine.whenSettled(jobId);
    expect(jobs.executions(jobId).map((e) => [e.deviceId, e.state])).toEqual([
      [ids[0], 'succeeded'],
      [ids[1], 'succeeded'],
      [ids[2], 'succeeded'],
    ]);
    expect(jobs.log(jobId, 0, 100).some((l) => l.event === 'added' && l.deviceId === ids[2])).toBe(true);
  });

  it('reads the targets again only after the inventory revision moved, not on every tick', async () => {
    let members = ids.slice(0, 3);
    let revision = 0;
    let reads = 0;
    const engine = newMembersEngine(
      () => {
        reads += 1;
        return members;
      },
      () => revision,
    );
    const s = JobSpecSchema.parse({
      version: 1,
      name: 'Reboot the group',
      targets: { deviceIds: members, includeNewMembers: true },
      steps: [{ action: 'reboot' }],
      policy: { concurrency: 1 },
    });
    const jobId = await start(engine, s);
    // Three devices of 40 ms each at one at a time, ticks every 10 ms: several ticks, one read.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(reads).toBeLessThanOrEqual(1);
    members = [...members, ids[3]!];
    revision += 1;
    await engine.whenSettled(jobId);
    expect(reads).toBeLessThanOrEqual(2);
    expect(jobs.executions(jobId).map((e) => e.deviceId)).toEqual(ids.slice(0, 4));
    expect(jobs.executions(jobId).every((e) => e.state === 'succeeded')).toBe(true);
  });

  const newMembersEngine = (resolveTargets: () => DeviceId[], targetsRevision?: () => number) =>
    engineWith(new FakeDriver('shelly', { kind: 'succeed', delayMs: 40 }), {
      resolveTargets,
      targetsRevision,
      tickMs: 10,
    });

  it('retries the failed devices of an ended job as a new run linked to it', async () => {
    fake.script(ids[0]!, { kind: 'fail', reason: 'device-error' });
    const engine = engineWith(fake);
    const first = await start(engine, spec(ids.slice(0, 3), { retries: { max: 0 } }));
    await engine.whenSettled(first);
    fake.script(ids[0]!, { kind: 'succeed' });
    // The retry's dry run: the failed device with its reason, the old policy to start from.
    const draft = engine.retryDraft(first);
    expect(draft.previous.map((e) => [e.deviceId, e.state, e.reason])).toEqual([
      [ids[0], 'failed', 'device-error'],
    ]);
    expect(draft.spec.policy.retries.max).toBe(0);
    const policy = { ...draft.spec.policy, concurrency: 3, canary: null };
    expect(engine.retryDraft(first, policy).spec.policy.concurrency).toBe(3);
    const plan = async (s: JobSpec) => planAll(s);
    await expect(engine.retryFailed(first, { policy, confirmDevices: 2 }, plan)).rejects.toThrow(
      'the plan changed',
    );
    const retry = await engine.retryFailed(first, { policy, confirmDevices: 1 }, plan);
    await engine.whenSettled(retry);
    expect(engine.get(retry).job).toMatchObject({ retryOf: first, name: 'Reboot (retry)', total: 1 });
    expect(jobs.find(retry)!.spec!.policy.concurrency).toBe(3);
    expect(states(retry)).toEqual(['succeeded']);
    expect(() => engine.retryDraft(retry)).toThrow('no failed devices');
  });
});
