import { join } from 'node:path';
import { JobSpecSchema, type JobId } from '../shared/domain/job';
import type { JobProgress } from '../shared/domain/job-progress';
import type { DeviceId } from '../shared/domain/device';
import { FakeDriver } from '../test-support/drivers/fake/fake-driver';
import { DriverRegistry } from '../electron/core/drivers/driver-registry';
import { createRandomIdSource } from '../electron/core/ids';
import { CoalescingEventSink } from '../electron/core/ipc/event-coalescer';
import { JobEngine } from '../electron/core/jobs/job-engine';
import { JobEventStream } from '../electron/core/jobs/job-events';
import { subscribeJobRecords } from '../electron/core/job-records';
import { JobPlanner } from '../electron/core/jobs/job-planner';
import { silentLogger } from '../electron/core/logging/json-logger';
import { systemClock } from '../electron/core/ports';
import { openDatabase, type Db } from '../electron/core/storage/database';
import { DeviceRepository } from '../electron/core/storage/repositories/device-repository';
import { JobRepository } from '../electron/core/storage/repositories/job-repository';
import { SettingsRepository } from '../electron/core/storage/repositories/settings-repository';
import { FakeStepServices } from '../test-support/core/fake-step-services';
import { makeTempDir } from '../test-support/core/temp-dir';
import { seedDevices } from '../test-support/core/seed-devices';

/** What one job over the fake fleet took. */
export interface FakeFleetRun {
  /** From `startPlanned` (the job's rows created) until the job settled with its last state on disk. */
  makespanMs: number;
  /** The dry run before it (what `jobs.start` also does), not part of the makespan. */
  planMs: number;
  succeeded: number;
  /** UI events the coalescer delivered, and their JSON size: the host serialises each one for its windows. */
  deliveries: number;
  deliveredBytes: number;
  /** Of those bytes, the job summaries that `jobs.progressed` carries. */
  summaryBytes: number;
  /** Devices named in the `jobs.progressed` deliveries: each (device, delivery) pair once, and each device once. */
  changedPairs: number;
  changedDevices: number;
}

/** What the coalescer delivered so far. */
interface Delivered {
  count: number;
  bytes: number;
  summaryBytes: number;
  changedPairs: number;
  changedDevices: Set<string>;
}

/** Counts one delivered event: its JSON size, and for job progress the summary's size and the devices named. */
function countDelivery(delivered: Delivered, name: string, payload: unknown): void {
  delivered.count += 1;
  delivered.bytes += JSON.stringify(payload).length;
  if (name !== 'jobs.progressed') return;
  const progress = payload as JobProgress;
  delivered.summaryBytes += JSON.stringify(progress.job).length;
  for (const { devices } of progress.changes.groups) {
    delivered.changedPairs += devices.length;
    for (const [position] of devices) delivered.changedDevices.add(`${progress.job.id}#${position}`);
  }
}

/**
 * The job engine as app-core builds it (JobEngine, JobPlanner, repositories, coalescing event sink) on a real
 * SQLite file in a temp dir (WAL, synchronous=FULL: every group commit is fsynced), with `devices` fake Shelly
 * devices seeded into the inventory and the FakeDriver, whose every step waits `delayMs` and succeeds.
 */
export class FakeFleetEngine {
  private constructor(
    private readonly dir: { path: string; cleanup: () => void },
    private readonly db: Db,
    private readonly engine: JobEngine,
    private readonly planner: JobPlanner,
    private readonly jobs: JobRepository,
    private readonly events: CoalescingEventSink,
    private readonly delivered: Delivered,
    readonly deviceIds: DeviceId[],
    /** The inventory, for a bench that takes devices offline and brings them back. */
    readonly devices: DeviceRepository,
    private readonly history: { stop(): void } | null,
  ) {}

  /**
   * `driver`: a FakeDriver scripted per device (default: every step waits `delayMs` and succeeds).
   * `onDelivered`: sees every event as the coalescer delivers it to the windows.
   * `records`: subscribe what app-core subscribes for issue 11 (history indexer, sync outbox, report versions),
   * so each commit also writes the outbox and version rows in its transaction, as in the app.
   */
  static create(options: {
    devices: number;
    delayMs: number;
    driver?: FakeDriver;
    onDelivered?: (name: string, payload: unknown) => void;
    records?: boolean;
  }): FakeFleetEngine {
    const dir = makeTempDir('fieldbatch-bench-engine-');
    const db = openDatabase({ file: join(dir.path, 'fieldbatch.db'), logger: silentLogger, now: Date.now });
    const driver = options.driver ?? new FakeDriver('shelly', { kind: 'succeed', delayMs: options.delayMs });
    const devices = new DeviceRepository(db, () => driver.capabilities);
    // One transaction for the whole inventory: seeding is set-up, not what is measured.
    const deviceIds = db.transaction(() => seedDevices(devices, options.devices))();
    const delivered: Delivered = {
      count: 0,
      bytes: 0,
      summaryBytes: 0,
      changedPairs: 0,
      changedDevices: new Set(),
    };
    const events = new CoalescingEventSink((name, payload) => {
      options.onDelivered?.(name, payload);
      countDelivery(delivered, name, payload);
    });
    const planner = new JobPlanner({
      devices: { list: () => devices.list(), identifyPayload: (id) => devices.identifyPayload(id) },
      groups: { members: () => [] },
      library: { get: () => null },
      credentials: { forDevice: async () => null },
      firmwareServer: {
        info: () => ({
          status: {
            listening: false,
            bindAddress: null,
            port: null,
            error: null,
            activeDownloads: 0,
            activeJobs: 0,
          },
        }),
        selfCheck: () => Promise.reject(new Error('no firmware step in these jobs')),
      },
    });
    const jobs = new JobRepository(db);
    const stream = new JobEventStream(silentLogger, jobs.lastSeq());
    const history = options.records ? subscribeRecords(stream, db, dir.path, jobs, () => engine) : null;
    const engine: JobEngine = new JobEngine({
      services: () => new FakeStepServices(),
      jobs,
      stream,
      devices,
      drivers: new DriverRegistry([driver]),
      settings: new SettingsRepository(db),
      events,
      clock: systemClock,
      ids: createRandomIdSource(),
      logger: silentLogger,
      resolveTargets: (spec) => planner.resolveTargets(spec),
    });
    return new FakeFleetEngine(
      dir,
      db,
      engine,
      planner,
      jobs,
      events,
      delivered,
      deviceIds,
      devices,
      history,
    );
  }

  /**
   * One reboot job over every device at `concurrency`, planned and confirmed as `jobs.start` does;
   * `policy` adds to the job's policy.
   */
  async runJob(concurrency: number, policy: Record<string, unknown> = {}): Promise<FakeFleetRun> {
    const spec = JobSpecSchema.parse({
      version: 1,
      name: 'bench',
      targets: { deviceIds: this.deviceIds },
      steps: [{ action: 'reboot' }],
      policy: { concurrency, ...policy },
    });
    const planStarted = performance.now();
    const plan = await this.planner.plan(spec);
    const started = performance.now();
    const before = { ...this.delivered };
    this.delivered.changedDevices.clear();
    const jobId: JobId = await this.engine.startPlanned({ spec, confirmDevices: plan.runnable }, plan);
    await this.engine.whenSettled(jobId);
    const makespanMs = performance.now() - started;
    this.events.flush(); // the job's last progress is still pending in the coalescer's tick: count it too
    const succeeded = this.jobs.executions(jobId).filter((e) => e.state === 'succeeded').length;
    return {
      makespanMs,
      planMs: started - planStarted,
      succeeded,
      deliveries: this.delivered.count - before.count,
      deliveredBytes: this.delivered.bytes - before.bytes,
      summaryBytes: this.delivered.summaryBytes - before.summaryBytes,
      changedPairs: this.delivered.changedPairs - before.changedPairs,
      changedDevices: this.delivered.changedDevices.size,
    };
  }

  async close(): Promise<void> {
    this.history?.stop();
    await this.engine.shutdown();
    this.events.close();
    this.db.close();
    this.dir.cleanup();
  }
}

/** The job event subscribers of issue 11, wired as `createAppCore` wires them; returns history (to stop). */
function subscribeRecords(
  stream: JobEventStream,
  db: Db,
  dataDir: string,
  jobs: JobRepository,
  engine: () => JobEngine,
): { stop(): void } {
  return subscribeJobRecords(stream, {
    ...{ db, dataDir, jobs, clock: systemClock, logger: silentLogger, version: 'bench' },
    groups: { members: () => [] },
    job: (id) => engine().get(id),
  }).history;
}
