import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { ExecutionSummary } from '../../../shared/domain/job';
import type { DeviceDriver } from '../drivers/device-driver';
import { DriverRegistry } from '../drivers/driver-registry';
import { FakeDriver } from '../../../test-support/drivers/fake/fake-driver';
import { createRandomIdSource } from '../ids';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { DeviceRepository } from '../storage/repositories/device-repository';
import { JobRepository } from '../storage/repositories/job-repository';
import { SettingsRepository } from '../storage/repositories/settings-repository';
import { RecordingSink } from '../../../test-support/core/recording-sink';
import { seedDevices } from '../../../test-support/core/seed-devices';
import { endpointKey } from '../discovery/endpoint-key';
import { JobEngine } from './job-engine';
import { waitUntil } from '../../../simulator/test-support/http-client';
import { planAll, services, spec } from '../../../test-support/jobs/job-engine-test-kit';

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

  const engineOn = (driver: DeviceDriver, resumeAfterCrash: 'auto' | 'ask' = 'auto', clockOffsetMs = 0) => {
    const settings = new SettingsRepository(db);
    settings.write('jobs.settings', { resumeAfterCrash });
    return new JobEngine({
      services: () => services,
      jobs,
      devices,
      drivers: new DriverRegistry([driver]),
      settings,
      events: new RecordingSink(),
      clock: { now: () => Date.now() + clockOffsetMs },
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
    await waitUntil(() => fleet.sent.length === 3);
    await before.shutdown(); // the journal still says running: as after kill -9
    await new Promise((r) => setTimeout(r, 1_100)); // so "restarted since" is measurable in whole seconds

    fleet.setOnFlash(() => 'apply');
    fleet.stopHanging();
    const after = engineOn(fleet.driver);
    after.recoverAfterRestart();
    expect(jobs.executions(jobId).map((e) => e.state)).toEqual(['unknown', 'unknown', 'unknown']);
    await waitUntil(() => after.get(jobId).job.state === 'completed', { timeoutMs: 15_000 });
    await after.whenSettled(jobId);
    const byId = new Map(jobs.executions(jobId).map((e) => [e.deviceId, e] as const));
    expect(byId.get(ids[0]!)).toMatchObject({ state: 'succeeded' });
    expect(byId.get(ids[1]!)).toMatchObject({ state: 'failed', reason: 'not-verified' });
    expect(byId.get(ids[2]!)).toMatchObject({ state: 'succeeded' });
    const flashes = (id: DeviceId) => fleet.sent.filter((x) => x === `firmware-update:${id}`).length;
    expect([flashes(ids[0]!), flashes(ids[1]!), flashes(ids[2]!)]).toEqual([1, 1, 2]);
    await after.shutdown();
  }, 20_000);

  it('lets the check of a step in flight at the crash finish when the job is canceled, and sends nothing again', async () => {
    const fleet = fleetDriver();
    fleet.setOnFlash((id) => (id === ids[0] ? 'apply' : 'lose'));
    const before = engineOn(fleet.driver);
    const s = spec(ids.slice(0, 2), { concurrency: 2 }, [
      { action: 'firmware-update', images: ['a'.repeat(64)] },
    ]);
    const jobId = await before.startPlanned({ spec: s, confirmDevices: 2 }, planAll(s));
    await waitUntil(() => fleet.sent.length === 2);
    await before.shutdown();
    await new Promise((r) => setTimeout(r, 1_100));

    const read = fleet.driver.readState.bind(fleet.driver);
    fleet.driver.readState = async (...args) => {
      await new Promise((r) => setTimeout(r, 200)); // the check is still under way when the cancel comes
      return read(...args);
    };
    const after = engineOn(fleet.driver);
    after.recoverAfterRestart();
    expect(after.cancel(jobId)).toBe('canceling');
    await waitUntil(() => after.get(jobId).job.state === 'canceled', { timeoutMs: 10_000 });
    await after.whenSettled(jobId);
    const byId = new Map(jobs.executions(jobId).map((e) => [e.deviceId, e.state] as const));
    // Not "canceled" blind: the applied image is verified as done; the lost one was never re-sent.
    expect([byId.get(ids[0]!), byId.get(ids[1]!)]).toEqual(['succeeded', 'canceled']);
    expect(fleet.sent).toHaveLength(2);
    await after.shutdown();
  }, 15_000);

  it('checks the steps in flight of a job found canceling after a crash before letting its devices go', async () => {
    const fleet = fleetDriver();
    fleet.setOnFlash((id) => (id === ids[0] ? 'apply' : 'lose'));
    const before = engineOn(fleet.driver);
    const s = spec(ids.slice(0, 2), { concurrency: 2 }, [
      { action: 'firmware-update', images: ['a'.repeat(64)] },
    ]);
    const jobId = await before.startPlanned({ spec: s, confirmDevices: 2 }, planAll(s));
    await waitUntil(() => fleet.sent.length === 2);
    expect(before.cancel(jobId)).toBe('canceling'); // both flashes are on the devices: the cancel waits
    await before.shutdown();
    await new Promise((r) => setTimeout(r, 1_100));

    const after = engineOn(fleet.driver);
    after.recoverAfterRestart();
    await waitUntil(() => after.get(jobId).job.state === 'canceled', { timeoutMs: 10_000 });
    await after.whenSettled(jobId);
    const byId = new Map(jobs.executions(jobId).map((e) => [e.deviceId, e.state] as const));
    expect([byId.get(ids[0]!), byId.get(ids[1]!)]).toEqual(['succeeded', 'canceled']);
    expect(fleet.sent).toHaveLength(2);
    await after.shutdown();
  }, 15_000);

  it('re-verifies queued devices announced before the crash: each device is flashed exactly once', async () => {
    const fleet = fleetDriver();
    const before = engineOn(fleet.driver);
    const s = spec(ids, { concurrency: 2 }, [{ action: 'firmware-update', images: ['a'.repeat(64)] }]);
    const jobId = await before.startPlanned({ spec: s, confirmDevices: 6 }, planAll(s));
    await waitUntil(() => fleet.sent.length === 2 && jobs.announcements(jobId).size === 2);
    expect([...jobs.announcements(jobId).keys()].sort()).toEqual([ids[2], ids[3]].sort());
    await before.shutdown();
    await new Promise((r) => setTimeout(r, 1_100));

    fleet.stopHanging();
    const after = engineOn(fleet.driver);
    after.recoverAfterRestart();
    expect(jobs.executions(jobId).map((e) => e.state)).toEqual([
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'queued',
      'queued',
    ]);
    await waitUntil(() => after.get(jobId).job.state === 'completed', { timeoutMs: 15_000 });
    await after.whenSettled(jobId);
    expect(jobs.executions(jobId).every((e) => e.state === 'succeeded')).toBe(true);
    expect(ids.map((id) => fleet.sent.filter((x) => x === `firmware-update:${id}`).length)).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
    await after.shutdown();
  }, 20_000);

  it('leaves a crashed job paused for a click when the setting says ask', async () => {
    const fleet = fleetDriver();
    const before = engineOn(fleet.driver);
    const s = spec(ids.slice(0, 2), {}, [{ action: 'firmware-update', images: ['a'.repeat(64)] }]);
    const jobId = await before.startPlanned({ spec: s, confirmDevices: 2 }, planAll(s));
    await waitUntil(() => fleet.sent.length === 2);
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
    await waitUntil(() => jobs.detail(jobId)!.job.counts.running === 1);
    await before.shutdown();
    const after = engineOn(fleet.driver);
    after.recoverAfterRestart();
    // Read from the store: once it says paused, the hold written before the pause is there too.
    await waitUntil(() => jobs.find(jobId)?.state === 'paused');
    const held: ExecutionSummary = jobs.executions(jobId)[0]!;
    expect(held).toMatchObject({ state: 'unknown', held: true });
    expect(held.message).toContain('cannot be verified');
    after.controlDevice(jobId, ids[0]!, 'release');
    expect(after.get(jobId).job.state).toBe('running');
    await after.whenSettled(jobId);
    expect(jobs.executions(jobId)[0]!.state).toBe('succeeded');
    await after.shutdown();
  });

  it('gives a device that is not rediscovered yet after a long crash its own offline deadline', async () => {
    const key = endpointKey(devices.endpoints(ids[0]!)[0]!.endpoint);
    devices.markEndpointOffline('mdns', 'http', key, 'goodbye', Date.now());
    const fleet = fleetDriver();
    fleet.stopHanging();
    // The job ran two hours ago, the device went away then, and the app died.
    const before = engineOn(fleet.driver, 'auto', -7_200_000);
    const s = spec(ids.slice(0, 1), { offline: { mode: 'defer', deadlineMs: 1_000 } });
    const jobId = await before.startPlanned({ spec: s, confirmDevices: 1 }, planAll(s));
    await waitUntil(() => jobs.executions(jobId)[0]!.state === 'waiting-offline');
    await before.shutdown();

    const after = engineOn(fleet.driver);
    after.recoverAfterRestart();
    await new Promise((r) => setTimeout(r, 200));
    expect(jobs.executions(jobId)[0]!.state).toBe('waiting-offline');
    seedDevices(devices, 1); // rediscovered
    await after.whenSettled(jobId);
    expect(jobs.executions(jobId)[0]!.state).toBe('succeeded');
    await after.shutdown();
  });
});
