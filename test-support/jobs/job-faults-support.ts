import type { DeviceId } from '../../shared/domain/device';
import {
  type ExecutionState,
  type JobDetail,
  type JobId,
  type JobLogEntry,
  type JobSpecInput,
} from '../../shared/domain/job';
import { createJsonLogger } from '../../electron/core/logging/json-logger';
import { startTestAppCore, type TestAppCore } from '../core/test-app-core';
import { isTerminalJob, TERMINAL_EXECUTION_STATES } from '../../shared/domain/job-rules';

/** A real app core (temp data dir, real drivers, manual discovery only) driven through its dispatcher. */
export interface FaultTestCore extends TestAppCore {
  /** Every `error` line the core logged: an engine that swallowed a crash shows up here. */
  readonly errors: string[];
}

export interface FaultTestCoreOptions {
  /**
   * How often addresses added by hand are checked (they go offline, or are seen again, on this beat).
   * Tests that must not see the inventory change under them set it far beyond their runtime.
   */
  livenessIntervalMs: number;
}

const TERMINAL: ReadonlySet<string> = new Set<ExecutionState>(TERMINAL_EXECUTION_STATES);

export function isTerminalState(state: string): boolean {
  return TERMINAL.has(state);
}

export async function startFaultTestCore(options: FaultTestCoreOptions): Promise<FaultTestCore> {
  const errors: string[] = [];
  const app = await startTestAppCore({
    logger: createJsonLogger({ level: 'error', write: (line) => errors.push(line) }),
    livenessIntervalMs: options.livenessIntervalMs,
  });
  return { ...app, errors };
}

/** Adds the devices listening on these loopback ports by address, a few at a time; ids in the same order. */
export async function addByPort(core: FaultTestCore, ports: readonly number[]): Promise<DeviceId[]> {
  const ids: DeviceId[] = [];
  const batch = 20;
  for (let i = 0; i < ports.length; i += batch) {
    const added = await Promise.all(
      ports.slice(i, i + batch).map((port) => core.call('discovery.addManual', { host: '127.0.0.1', port })),
    );
    ids.push(...added.map((device) => device.id));
  }
  return ids;
}

/** Polls the inventory until every one of these devices is shown offline. */
export async function untilOffline(core: FaultTestCore, ids: readonly DeviceId[]): Promise<void> {
  for (;;) {
    const offline = new Set((await core.call('devices.list', {})).filter((d) => !d.online).map((d) => d.id));
    if (ids.every((id) => offline.has(id))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The dry run, then a start that confirms exactly what it planned (as the job builder does). */
export async function planAndStart(core: FaultTestCore, spec: JobSpecInput): Promise<JobId> {
  const plan = await core.call('jobs.plan', spec);
  const { jobId } = await core.call('jobs.start', { spec, confirmDevices: plan.runnable });
  return jobId;
}

/**
 * Polls `jobs.get` until `done` holds. On timeout the error carries the job's state and counts, so a run
 * that never settles says where it stuck.
 */
export async function waitForJob(
  core: FaultTestCore,
  jobId: JobId,
  done: (detail: JobDetail) => boolean,
  timeoutMs: number,
): Promise<JobDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const detail = await core.call('jobs.get', { jobId });
    if (done(detail)) return detail;
    if (Date.now() > deadline) {
      const { state, pauseReason, counts } = detail.job;
      const nonZero = Object.entries(counts).filter(([, n]) => n > 0);
      throw new Error(
        `job ${jobId} did not get there in ${timeoutMs} ms: ${state}` +
          `${pauseReason ? ` (${pauseReason})` : ''}, ${JSON.stringify(Object.fromEntries(nonZero))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The whole journal of a job, oldest first. */
export async function readJournal(core: FaultTestCore, jobId: JobId): Promise<JobLogEntry[]> {
  // The log shows what is committed, and reads no longer flush: a job seen ended a moment ago writes its
  // last rows in the group commit of that tick, so an ended job's journal is read once its end is in it.
  const { state } = (await core.call('jobs.get', { jobId })).job;
  const ended = isTerminalJob(state);
  for (let tries = 0; ; tries++) {
    const rows = await readJournalOnce(core, jobId);
    const endRow = rows.some((r) => r.deviceId === null && r.to === state);
    if (!ended || endRow || tries >= 100) return rows;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function readJournalOnce(core: FaultTestCore, jobId: JobId): Promise<JobLogEntry[]> {
  const rows: JobLogEntry[] = [];
  for (;;) {
    const page = await core.call('jobs.log', { jobId, afterSeq: rows.at(-1)?.seq ?? 0, limit: 2_000 });
    rows.push(...page);
    if (page.length < 2_000) return rows;
  }
}

/** Journal rows per device, in order. */
export function rowsByDevice(journal: readonly JobLogEntry[]): Map<DeviceId, JobLogEntry[]> {
  const byDevice = new Map<DeviceId, JobLogEntry[]>();
  for (const row of journal) {
    if (row.deviceId === null) continue;
    const rows = byDevice.get(row.deviceId) ?? [];
    rows.push(row);
    byDevice.set(row.deviceId, rows);
  }
  return byDevice;
}
