import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { ExecutionSummary, FailureReason, JobDetail, JobSpecInput } from '../../../shared/domain/job';
import { startShellyFleet, type Fault, type ShellyFleet, type SimulatedShelly } from '../../../simulator';
import {
  addByPort,
  isTerminalState,
  planAndStart,
  readJournal,
  rowsByDevice,
  startFaultTestCore,
  untilOffline,
  waitForJob,
  type FaultTestCore,
} from '../../../test-support/jobs/job-faults-support';

// Real app cores against simulated Shelly fleets, added by address (no mDNS), so the inventory keeps
// every device "online" and the faults below reach the engine as the devices' own misbehaviour.

let fleet: ShellyFleet | null = null;
let core: FaultTestCore | null = null;

afterEach(async () => {
  await core?.close();
  await fleet?.stop();
  core = null;
  fleet = null;
});

const ports = (f: ShellyFleet) => f.devices.map((d) => d.port);
const byDevice = (detail: JobDetail) => new Map(detail.executions.map((e) => [e.deviceId, e]));
const isEnded = (d: JobDetail) => d.job.state === 'completed' || d.job.state === 'canceled';
const isPaused = (d: JobDetail) => d.job.state === 'paused';
const startedCount = (d: JobDetail) => d.executions.filter((e) => e.startedAt !== null).length;

/** Waits until every device has been up long enough that one uptime read proves a reboot (uptime ≥ 2 s). */
async function untilUptimeAtLeast(devices: readonly SimulatedShelly[], seconds: number): Promise<void> {
  while (devices.some((d) => d.uptimeSeconds() < seconds)) await new Promise((r) => setTimeout(r, 100));
}

describe('the job engine against 200 misbehaving devices', () => {
  type Kind = 'healthy' | 'slow' | 'flaky' | 'hang-silent' | 'hang-mid' | 'black-hole';
  const FAULTS: Record<Kind, Fault[]> = {
    healthy: [],
    slow: [{ kind: 'slow', minMs: 50, maxMs: 300 }],
    flaky: [{ kind: 'flaky', probability: 0.3 }],
    'hang-silent': [{ kind: 'hang', mode: 'silent' }],
    'hang-mid': [{ kind: 'hang', mode: 'mid' }],
    'black-hole': [{ kind: 'offline', mode: 'silent' }],
  };
  /** Spread over the job order: 80 slow, 20 flaky, 10 of each hang and black-hole, 70 healthy. */
  const kindOf = (index: number): Kind => {
    const slot = index % 20;
    if ([1, 2, 3, 4, 11, 12, 13, 14].includes(slot)) return 'slow';
    if (slot === 5 || slot === 15) return 'flaky';
    if (slot === 6) return 'hang-silent';
    if (slot === 16) return 'hang-mid';
    if (slot === 7) return 'black-hole';
    return 'healthy';
  };

  const DEVICES = 200;
  const CONCURRENCY = 40;
  const STEP_TIMEOUT_MS = 3_000;
  const RETRIES = { max: 1, baseDelayMs: 200, maxDelayMs: 400, jitter: 0.5 };
  const ATTEMPTS = RETRIES.max + 1;
  /** Journal writes, timers and 200 sockets on one event loop: what an attempt may overrun its budget by. */
  const SLACK_MS = 1_000;

  it('ends every device in exactly one terminal state with the right reason, within the timeout budget', async () => {
    fleet = await startShellyFleet({ count: DEVICES, seed: 606, mdns: false, bootTimeMs: 300 });
    core = await startFaultTestCore({ livenessIntervalMs: 600_000 });
    const ids = await addByPort(core, ports(fleet));
    fleet.devices.forEach((device, i) => device.setFault(FAULTS[kindOf(i)]));
    const kinds = new Map<DeviceId, Kind>(ids.map((id, i) => [id, kindOf(i)]));
    const simOf = new Map<DeviceId, SimulatedShelly>(ids.map((id, i) => [id, fleet!.devices[i]!]));
    await untilUptimeAtLeast(fleet.devices, 2);

    // The worst a device can cost: every attempt runs into the step timeout, with the longest back-off
    // between. Spread over the workers, plus one such device that starts last, that bounds the job.
    const worstDeviceMs = ATTEMPTS * STEP_TIMEOUT_MS + RETRIES.max * RETRIES.maxDelayMs;
    const boundMs = (DEVICES * ATTEMPTS * STEP_TIMEOUT_MS) / CONCURRENCY + worstDeviceMs + 5 * SLACK_MS;
    const spec: JobSpecInput = {
      version: 1,
      name: 'Reboot under faults',
      targets: { deviceIds: ids },
      steps: [{ action: 'reboot' }],
      policy: {
        concurrency: CONCURRENCY,
        stepTimeoutMs: STEP_TIMEOUT_MS,
        retries: { ...RETRIES, retryOn: ['unreachable', 'timeout'] },
        // Every device is known online; an unreachable one fails instead of waiting to be seen again.
        offline: { mode: 'skip', deadlineMs: 0 },
      },
    };
    const startedAt = Date.now();
    const jobId = await planAndStart(core, spec);
    const detail = await waitForJob(core, jobId, isEnded, boundMs);
    const elapsedMs = Date.now() - startedAt;

    expect(detail.job.state).toBe('completed');
    expect(elapsedMs).toBeLessThan(boundMs);
    expect(detail.executions).toHaveLength(DEVICES);
    expect(new Set(detail.executions.map((e) => e.deviceId)).size).toBe(DEVICES);
    for (const exec of detail.executions) {
      const kind = kinds.get(exec.deviceId)!;
      expect(isTerminalState(exec.state), `${kind} ${exec.deviceId} ended ${exec.state}`).toBe(true);
      expectOutcome(kind, exec, simOf.get(exec.deviceId)!.counters.reboots);
    }
    const silent = [...kinds.values()].filter(
      (k) => k === 'hang-silent' || k === 'hang-mid' || k === 'black-hole',
    );
    expect(detail.job.counts['timed-out']).toBe(silent.length);

    const journal = rowsByDevice(await readJournal(core, jobId));
    expect(journal.size).toBe(DEVICES);
    for (const [deviceId, rows] of journal) {
      const terminal = rows.filter((r) => isTerminalState(r.to));
      expect(terminal, `terminal rows of ${deviceId}`).toHaveLength(1);
      expect(rows.at(-1)).toBe(terminal[0]);
      const starts = rows.flatMap((r, i) => (r.event === 'started' ? [i] : []));
      expect(starts.length).toBeGreaterThanOrEqual(1);
      expect(starts.length).toBeLessThanOrEqual(ATTEMPTS);
      // Each attempt ended (succeeded or failed) within the step budget: no step outlived its timeout.
      for (const i of starts) {
        const ended = rows[i + 1]!;
        expect(['step-succeeded', 'step-failed']).toContain(ended.event);
        expect(ended.at - rows[i]!.at, `attempt of ${deviceId}`).toBeLessThanOrEqual(
          STEP_TIMEOUT_MS + SLACK_MS,
        );
      }
    }
    expect(core.errors).toEqual([]);
  }, 90_000);

  function expectOutcome(kind: Kind, exec: ExecutionSummary, reboots: number): void {
    const label = `${kind} ${exec.deviceId}: ${exec.state} ${exec.reason ?? ''} ${exec.message ?? ''}`;
    switch (kind) {
      case 'healthy':
      case 'slow':
        // Replies within 300 ms fit the budget many times over: one attempt, one reboot.
        expect(exec, label).toMatchObject({ state: 'succeeded', attempt: 1 });
        expect(reboots, label).toBe(1);
        return;
      case 'flaky':
        // A reset before the reboot request lands costs the attempt; after it, polls ride it out.
        if (exec.state === 'succeeded') expect(reboots, label).toBeGreaterThanOrEqual(1);
        else {
          expect(exec.state, label).toBe('failed');
          expect(['unreachable', 'bad-reply'] satisfies FailureReason[], label).toContain(exec.reason);
          expect(exec.attempt, label).toBe(ATTEMPTS);
        }
        return;
      case 'hang-silent':
      case 'hang-mid':
      case 'black-hole':
        expect(exec, label).toMatchObject({ state: 'timed-out', reason: 'timeout', attempt: ATTEMPTS });
        expect(reboots, label).toBe(0);
        return;
    }
  }
});

describe('the abort threshold against a fleet where 30 % of the devices fail', () => {
  it('pauses the job with a reason, starts nothing while paused, and counts afresh after a resume', async () => {
    fleet = await startShellyFleet({ count: 40, seed: 607, mdns: false });
    core = await startFaultTestCore({ livenessIntervalMs: 600_000 });
    const ids = await addByPort(core, ports(fleet));
    // Three in every ten consecutive devices of the job answer HTTP 500 or garbage.
    const failing = new Set<DeviceId>();
    fleet.devices.forEach((device, i) => {
      const slot = i % 10;
      if (slot !== 0 && slot !== 3 && slot !== 6) return;
      device.setFault(slot === 3 ? 'garbage' : 'http-500');
      failing.add(ids[i]!);
    });
    const jobId = await planAndStart(core, {
      version: 1,
      name: 'Collect with an abort threshold',
      targets: { deviceIds: ids },
      steps: [{ action: 'collect' }],
      policy: {
        concurrency: 4,
        stepTimeoutMs: 5_000,
        retries: { max: 0 },
        abort: { failurePercent: 20, minExecuted: 10, action: 'pause' },
      },
    });

    const first = await waitForJob(core, jobId, isPaused, 20_000);
    expect(first.job).toMatchObject({ pauseReason: 'abort-threshold' });
    expect(first.job.pauseMessage).toMatch(/^\d+\.\d % failed \(limit 20 %\) after \d+ devices$/);
    const executedAtPause = Number(/after (\d+) devices/.exec(first.job.pauseMessage!)![1]);
    expect(executedAtPause).toBeGreaterThanOrEqual(10);
    const settled = await waitForJob(core, jobId, (d) => d.job.counts.running === 0, 10_000);
    const startedWhilePaused = startedCount(settled);
    expect(startedWhilePaused).toBeLessThan(ids.length);
    // Nothing may start on the engine's next ticks (every second) while the job stays paused.
    await new Promise((r) => setTimeout(r, 1_500));
    const later = await core.call('jobs.get', { jobId });
    expect(later.job.state).toBe('paused');
    expect(startedCount(later)).toBe(startedWhilePaused);

    // Resumed with the faults still there: the threshold judges only what runs from here, so the job
    // goes on and stops again once ten more devices have a result.
    expect(await core.call('jobs.resume', { jobId })).toEqual({ state: 'running' });
    const second = await waitForJob(
      core,
      jobId,
      (d) => isPaused(d) && startedCount(d) > startedWhilePaused,
      20_000,
    );
    expect(second.job.pauseReason).toBe('abort-threshold');
    expect(Number(/after (\d+) devices/.exec(second.job.pauseMessage!)![1])).toBeGreaterThanOrEqual(10);
    const settledAgain = await waitForJob(core, jobId, (d) => d.job.counts.running === 0, 10_000);
    expect(startedCount(settledAgain)).toBeLessThan(ids.length);

    // The technician fixes the devices and resumes: the rest run and succeed.
    const fixedAt = Date.now();
    for (const device of fleet.devices) device.setFault(null);
    await core.call('jobs.resume', { jobId });
    const done = await waitForJob(core, jobId, isEnded, 20_000);
    expect(done.job.state).toBe('completed');
    for (const exec of done.executions) {
      const ranFaulty = failing.has(exec.deviceId) && exec.startedAt! < fixedAt;
      if (ranFaulty) expect(['device-error', 'bad-reply']).toContain(exec.reason);
      expect(exec.state, exec.deviceId).toBe(ranFaulty ? 'failed' : 'succeeded');
    }

    // The journal agrees: no device started between a threshold pause and the resume that followed it.
    let paused = false;
    for (const row of await readJournal(core, jobId)) {
      if (row.deviceId === null && row.event === 'abort-threshold') paused = true;
      if (row.deviceId === null && row.event === 'resumed') paused = false;
      if (row.event === 'started') expect(paused, `start of ${row.deviceId} while paused`).toBe(false);
    }
    expect(core.errors).toEqual([]);
  }, 60_000);
});

describe('offline devices under a defer policy', () => {
  it('waits for an offline device and runs it when it is seen again; one that never returns is not reached', async () => {
    fleet = await startShellyFleet({ count: 3, seed: 608, mdns: false, bootTimeMs: 300 });
    // Addresses added by hand are re-checked on this beat: that is how a device is seen to leave and return.
    core = await startFaultTestCore({ livenessIntervalMs: 250 });
    const [returning, gone, healthy] = await addByPort(core, ports(fleet));
    const [returningSim, goneSim, healthySim] = fleet.devices;
    returningSim!.setFault({ kind: 'offline', mode: 'refuse' });
    goneSim!.setFault({ kind: 'offline', mode: 'refuse' });
    await untilOffline(core, [returning!, gone!]);
    await untilUptimeAtLeast(fleet.devices, 2);

    const DEADLINE_MS = 6_000;
    const spec: JobSpecInput = {
      version: 1,
      name: 'Reboot with offline devices',
      targets: { deviceIds: [returning!, gone!, healthy!] },
      steps: [{ action: 'reboot' }],
      policy: { stepTimeoutMs: 5_000, offline: { mode: 'defer', deadlineMs: DEADLINE_MS } },
    };
    const plan = await core.call('jobs.plan', spec);
    expect(plan.runnable).toBe(3);
    expect(plan.devices.filter((d) => d.deferred).map((d) => d.deviceId)).toEqual([returning, gone]);
    const jobId = await planAndStart(core, spec);

    const waiting = await waitForJob(
      core,
      jobId,
      (d) => d.job.counts['waiting-offline'] === 2 && d.job.counts.succeeded === 1,
      10_000,
    );
    expect(byDevice(waiting).get(healthy!)!.state).toBe('succeeded');
    returningSim!.setFault(null);

    const done = await waitForJob(core, jobId, isEnded, DEADLINE_MS + 10_000);
    const execs = byDevice(done);
    expect(done.job.state).toBe('completed');
    expect(execs.get(returning!)).toMatchObject({ state: 'succeeded', attempt: 1 });
    expect(returningSim!.counters.reboots).toBe(1);
    expect(execs.get(gone!)).toMatchObject({ state: 'skipped', skipReason: 'not-reached', startedAt: null });
    expect(execs.get(gone!)!.finishedAt! - done.job.startedAt!).toBeGreaterThanOrEqual(DEADLINE_MS);
    expect(goneSim!.counters.rpcRequests).toBe(0);
    expect(healthySim!.counters.reboots).toBe(1);

    const journal = rowsByDevice(await readJournal(core, jobId));
    expect(journal.get(returning!)!.map((r) => r.event)).toEqual([
      'went-offline',
      'came-online',
      'started',
      'step-succeeded',
    ]);
    expect(journal.get(gone!)!.map((r) => r.event)).toEqual(['went-offline', 'not-reached']);
    expect(core.errors).toEqual([]);
  }, 40_000);
});

describe('a device that fails once and then succeeds on its retry', () => {
  it('ends succeeded on its second attempt without the failure of the first', async () => {
    fleet = await startShellyFleet({ count: 1, seed: 609, mdns: false, bootTimeMs: 300 });
    core = await startFaultTestCore({ livenessIntervalMs: 600_000 });
    const [id] = await addByPort(core, ports(fleet));
    const sim = fleet.devices[0]!;
    await untilUptimeAtLeast(fleet.devices, 2);
    // Gone for a second, then back without a reboot: the first attempt is refused, the retry lands.
    sim.setFault({ kind: 'drop', afterMs: 0, forMs: 1_000 });
    while (sim.isOnline) await new Promise((r) => setTimeout(r, 10));

    const jobId = await planAndStart(core, {
      version: 1,
      name: 'Reboot after a dropout',
      targets: { deviceIds: [id!] },
      steps: [{ action: 'reboot' }],
      policy: {
        stepTimeoutMs: 5_000,
        retries: { max: 1, baseDelayMs: 1_500, maxDelayMs: 1_500, jitter: 0, retryOn: ['unreachable'] },
        offline: { mode: 'skip', deadlineMs: 0 },
      },
    });
    const done = await waitForJob(core, jobId, isEnded, 15_000);

    const journal = rowsByDevice(await readJournal(core, jobId)).get(id!)!;
    expect(journal.map((r) => [r.event, r.to])).toEqual([
      ['started', 'running'],
      ['step-failed', 'queued'],
      ['started', 'running'],
      ['step-succeeded', 'succeeded'],
    ]);
    expect(sim.counters.reboots).toBe(1);
    // The monitor shows `reason: message` whenever a reason is set: a success must not carry the old failure.
    expect(done.executions[0]).toMatchObject({
      state: 'succeeded',
      attempt: 2,
      reason: null,
      message: null,
      result: expect.stringMatching(/^rebooted: /),
    });
  }, 30_000);
});
