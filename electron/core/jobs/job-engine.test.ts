import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import {
  JobSpecSchema,
  type ExecutionSummary,
  type JobId,
  type JobPlan,
  type JobSpec,
  type JobSpecInput,
} from '../../../shared/domain/job';
import type { DeviceDriver, DeviceTarget, StepServices } from '../drivers/device-driver';
import { DeviceError } from '../drivers/device-error';
import { DriverRegistry } from '../drivers/driver-registry';
import { FakeDriver } from '../drivers/fake/fake-driver';
import { endpointKey } from '../discovery/endpoint-key';
import { DomainError } from '../errors';
import { createRandomIdSource } from '../ids';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { DeviceRepository } from '../storage/repositories/device-repository';
import { JobRepository } from '../storage/repositories/job-repository';
import { SettingsRepository } from '../storage/repositories/settings-repository';
import { RecordingSink } from '../test-support/recording-sink';
import { seedDevices } from '../test-support/seed-devices';
import { JobEngine } from './job-engine';
import { planWaves } from './rollout-plan';

const spec = (
  deviceIds: DeviceId[],
  policy: JobSpecInput['policy'] = {},
  steps: JobSpecInput['steps'] = [{ action: 'reboot' }],
) => JobSpecSchema.parse({ version: 1, name: 'Reboot', targets: { deviceIds }, steps, policy });

/** What the planner would say for devices that are all runnable (the planner has its own tests). */
function planAll(s: JobSpec): JobPlan {
  const ids = s.targets.deviceIds;
  const p = s.policy;
  const waves = planWaves(ids, {
    canary: p.canary,
    waveSizes: p.waves.sizes,
    wavePercents: p.waves.percents,
  });
  const waveOf = new Map(waves.flatMap((w, i) => w.map((id) => [id, i] as const)));
  return {
    devices: ids.map((id) => ({
      deviceId: id,
      deviceName: id,
      family: 'shelly',
      model: 'SNSW-001P16EU',
      online: true,
      currentVersion: '1.4.2',
      targetVersion: null,
      steps: s.steps.map((st) => st.action),
      wave: waveOf.get(id)!,
      skip: null,
      deferred: false,
    })),
    runnable: ids.length,
    skipped: 0,
    waves: waves.map((w, i) => ({ index: i, canary: i === 0 && !!p.canary, size: w.length })),
    destructive: s.steps.some((st) => st.action === 'factory-reset'),
    firmwareServer: null,
    warnings: [],
  };
}

const services: StepServices = {
  firmwareFor: async () => ({
    url: 'http://127.0.0.1:1/fw',
    sha256: 'a'.repeat(64),
    size: 1,
    version: '1.6.0',
    fwId: null,
  }),
  credentialsFor: async () => null,
  credentialSet: async () => null,
  rememberCredentials: async () => {},
  saveArtifact: async () => 'art_00000000',
};

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

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('JobEngine', () => {
  let db: Db;
  let devices: DeviceRepository;
  let jobs: JobRepository;
  let sink: RecordingSink;
  let fake: FakeDriver;
  let ids: DeviceId[];
  let engines: JobEngine[];

  const engineWith = (driver: DeviceDriver) => {
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

  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    devices = new DeviceRepository(db);
    jobs = new JobRepository(db);
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
      // The journal already says this device is running when its step is sent.
      if (jobId) expect(exec(jobId, target.id).state).toBe('running');
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
    await until(() => engine.get(jobId).job.state === 'paused');
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
    await until(() => engine.get(manual).job.state === 'paused');
    expect(engine.get(manual).job.pauseMessage).toContain('the canary done (100 % succeeded)');
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
    await until(() => engine.get(jobId).job.state === 'paused');
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
    const atPause = jobs.counts(jobId);
    expect(atPause.running).toBe(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(jobs.counts(jobId).succeeded).toBe(atPause.succeeded);
    expect(engine.resume(jobId)).toBe('running');
    await until(() => engine.get(jobId).job.state === 'paused');
    expect(engine.get(jobId).job.pauseReason).toBe('needs-decision');
    engine.controlDevice(jobId, ids[9]!, 'release');
    await engine.whenSettled(jobId);
    expect(exec(jobId, ids[8]!).state).toBe('canceled');
    expect(exec(jobId, ids[9]!).state).toBe('succeeded');

    const hanging = engineWith(new FakeDriver('shelly', { kind: 'hang' }));
    const other = await start(hanging, spec(ids.slice(10, 14), { concurrency: 2 }));
    await until(() => jobs.counts(other).running === 2);
    expect(hanging.cancel(other)).toBe('canceling');
    await hanging.whenSettled(other);
    expect(states(other)).toEqual(['canceled', 'canceled', 'canceled', 'canceled']);
    expect(engine.get(other).job.state).toBe('canceled');
    expect(() => hanging.cancel(other)).toThrow(DomainError);
  });

  it('waits for an offline device, does it when it is back, and gives up after the deadline', async () => {
    const key = (id: DeviceId) => endpointKey(devices.endpoints(id)[0]!.endpoint);
    const offline = (id: DeviceId) =>
      devices.markEndpointOffline('mdns', 'http', key(id), 'goodbye', Date.now());
    offline(ids[0]!);
    offline(ids[1]!);
    const engine = engineWith(fake);
    const jobId = await start(engine, spec(ids.slice(0, 3), { offline: { mode: 'defer', deadlineMs: 400 } }));
    await until(() => exec(jobId, ids[2]!).state === 'succeeded');
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

  it('retries the failed devices of an ended job as a new run linked to it', async () => {
    fake.script(ids[0]!, { kind: 'fail', reason: 'device-error' });
    const engine = engineWith(fake);
    const first = await start(engine, spec(ids.slice(0, 3), { retries: { max: 0 } }));
    await engine.whenSettled(first);
    fake.script(ids[0]!, { kind: 'succeed' });
    const retry = await engine.retryFailed(first, async (s) => planAll(s));
    await engine.whenSettled(retry);
    expect(engine.get(retry).job).toMatchObject({ retryOf: first, name: 'Reboot (retry)', total: 1 });
    expect(states(retry)).toEqual(['succeeded']);
    await expect(engine.retryFailed(retry, async (s) => planAll(s))).rejects.toThrow('no failed devices');
  });
});

describe('JobEngine after a crash', () => {
  let db: Db;
  let devices: DeviceRepository;
  let jobs: JobRepository;
  let ids: DeviceId[];

  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    devices = new DeviceRepository(db);
    jobs = new JobRepository(db);
    ids = seedDevices(devices, 6);
  });
  afterEach(() => db.close());

  /** A fleet whose devices remember firmware and boot time, so re-verification has something to read. */
  function fleetDriver() {
    const firmware = new Map<string, string>();
    const bootedAt = new Map<string, number>();
    const sent: string[] = [];
    let onFlash: (id: string) => 'apply' | 'lose' | 'rollback' = () => 'apply';
    let hangAfterFlash = true;
    const driver = Object.create(new FakeDriver('shelly')) as DeviceDriver;
    driver.readState = async (target) => ({
      firmware: firmware.get(target.id) ?? '1.4.2',
      uptimeSeconds: Math.floor((Date.now() - (bootedAt.get(target.id) ?? 0)) / 1000),
      raw: {},
    });
    driver.runStep = async (step, target, ctx) => {
      sent.push(`${step.action}:${target.id}`);
      if (step.action === 'firmware-update') {
        const what = onFlash(target.id);
        if (what === 'apply') firmware.set(target.id, '1.6.0');
        if (what !== 'lose') bootedAt.set(target.id, Date.now() + 200); // restarts a moment after the command
        if (!hangAfterFlash) return { summary: 'flashed' };
        // The app dies while the device is updating.
        await new Promise((_, reject) =>
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
        );
      }
      return { summary: 'done' };
    };
    return {
      driver,
      sent,
      firmware,
      setOnFlash: (f: typeof onFlash) => (onFlash = f),
      stopHanging: () => (hangAfterFlash = false),
    };
  }

  const engineOn = (driver: DeviceDriver, resumeAfterCrash: 'auto' | 'ask' = 'auto') => {
    const settings = new SettingsRepository(db);
    settings.write('jobs.settings', { resumeAfterCrash });
    return new JobEngine({
      services: () => services,
      jobs,
      devices,
      drivers: new DriverRegistry([driver]),
      settings,
      events: new RecordingSink(),
      clock: { now: () => Date.now() },
      ids: createRandomIdSource(),
      logger: silentLogger,
      resolveTargets: (s) => s.targets.deviceIds,
      tickMs: 20,
    });
  };

  it('re-verifies firmware steps that were in flight: never re-flashes an applied or rolled-back image', async () => {
    const fleet = fleetDriver();
    // Device 0 flashed before the crash, device 1 rolled back, device 2 never got the request.
    fleet.setOnFlash((id) => (id === ids[0] ? 'apply' : id === ids[1] ? 'rollback' : 'lose'));
    const before = engineOn(fleet.driver);
    const s = spec(ids.slice(0, 3), { concurrency: 3 }, [
      { action: 'firmware-update', images: ['a'.repeat(64)] },
    ]);
    const jobId = await before.startPlanned({ spec: s, confirmDevices: 3 }, planAll(s));
    await until(() => fleet.sent.length === 3);
    await before.shutdown(); // the journal still says running: as after kill -9
    await new Promise((r) => setTimeout(r, 1_100)); // so "restarted since" is measurable in whole seconds

    fleet.setOnFlash(() => 'apply');
    fleet.stopHanging();
    const after = engineOn(fleet.driver);
    after.recoverAfterRestart();
    expect(jobs.executions(jobId).map((e) => e.state)).toEqual(['unknown', 'unknown', 'unknown']);
    await until(() => after.get(jobId).job.state === 'completed', 15_000);
    const byId = new Map(jobs.executions(jobId).map((e) => [e.deviceId, e] as const));
    expect(byId.get(ids[0]!)).toMatchObject({ state: 'succeeded' });
    expect(byId.get(ids[1]!)).toMatchObject({ state: 'failed', reason: 'not-verified' });
    expect(byId.get(ids[2]!)).toMatchObject({ state: 'succeeded' });
    const flashes = (id: DeviceId) => fleet.sent.filter((x) => x === `firmware-update:${id}`).length;
    expect([flashes(ids[0]!), flashes(ids[1]!), flashes(ids[2]!)]).toEqual([1, 1, 2]);
    await after.shutdown();
  }, 20_000);

  it('leaves a crashed job paused for a click when the setting says ask', async () => {
    const fleet = fleetDriver();
    const before = engineOn(fleet.driver);
    const s = spec(ids.slice(0, 2), {}, [{ action: 'firmware-update', images: ['a'.repeat(64)] }]);
    const jobId = await before.startPlanned({ spec: s, confirmDevices: 2 }, planAll(s));
    await until(() => fleet.sent.length === 2);
    await before.shutdown();
    fleet.stopHanging();
    const after = engineOn(fleet.driver, 'ask');
    after.recoverAfterRestart();
    expect(after.get(jobId).job).toMatchObject({ state: 'paused', pauseReason: 'crash' });
    expect(after.resume(jobId)).toBe('running');
    await after.whenSettled(jobId);
    expect(jobs.executions(jobId).map((e) => e.state)).toEqual(['succeeded', 'succeeded']);
    await after.shutdown();
  }, 20_000);

  it('holds a step it cannot verify until the technician decides', async () => {
    const fleet = fleetDriver();
    const hang = Object.create(fleet.driver) as DeviceDriver;
    hang.runStep = async (_step, _target, ctx) =>
      new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
    const before = engineOn(hang);
    const s = spec(ids.slice(0, 1), {}, [{ action: 'set-password', credentialSetId: null }]);
    const jobId = await before.startPlanned({ spec: s, confirmDevices: 1 }, planAll(s));
    await until(() => jobs.counts(jobId).running === 1);
    await before.shutdown();
    const after = engineOn(fleet.driver);
    after.recoverAfterRestart();
    await until(() => after.get(jobId).job.state === 'paused');
    const held: ExecutionSummary = jobs.executions(jobId)[0]!;
    expect(held).toMatchObject({ state: 'unknown', held: true });
    expect(held.message).toContain('cannot be verified');
    after.controlDevice(jobId, ids[0]!, 'release');
    expect(after.get(jobId).job.state).toBe('running');
    await after.whenSettled(jobId);
    expect(jobs.executions(jobId)[0]!.state).toBe('succeeded');
    await after.shutdown();
  });
});
