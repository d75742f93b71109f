import type { DeviceId } from '../../../shared/domain/device';
import type {
  ExecutionSummary,
  JobDetail,
  JobId,
  JobLogEntry,
  JobPlan,
  JobPolicy,
  JobSpec,
  JobStart,
  JobState,
  JobSummary,
} from '../../../shared/domain/job';
import {
  JobSettingsSchema,
  type JobSettings,
  type JobSettingsUpdate,
} from '../../../shared/domain/job-settings';
import type { StepServices } from '../drivers/device-driver';
import type { DriverRegistry } from '../drivers/driver-registry';
import { DomainError } from '../errors';
import type { Clock, EventSink, IdSource, Logger } from '../ports';
import type { DeviceLookup } from './device-lookup';
import { JobRun } from './job-run';
import type { AbortBaseline, JobStore, JournalWrite } from './job-store';
import { newExecution, newJobSummary } from './run-ledger';
import { crashEvent, reduceExecution } from './job-state';
import { JobEventStream } from './job-events';
import { JournalWriter } from './journal-writer';
import { UiProgressPublisher } from './ui-progress-publisher';
import { retryDraft, type RetryDraft } from './retry-failed';

/** Where the engine keeps its own settings (the settings repository is one). */
export interface SettingsStore {
  /** The stored value, validated; `fallback` when there is none or it does not validate. */
  read<T>(key: string, fallback: T, validate: (value: unknown) => T | null): T;
  write(key: string, value: unknown): void;
}

export interface JobEngineDeps {
  /** What drivers may use while running this job's steps (firmware, credentials, artifacts). */
  services: (jobId: JobId) => StepServices;
  jobs: JobStore;
  devices: DeviceLookup;
  drivers: DriverRegistry;
  settings: SettingsStore;
  events: EventSink;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** Current targets of a spec (smart groups re-resolved), for jobs that take in new members. */
  resolveTargets: (spec: JobSpec) => DeviceId[];
  /**
   * A number that changes whenever the inventory or the groups may have changed (see InventoryRevision): a
   * job taking in new members resolves its targets again only then, not on every tick. Absent: every tick.
   */
  targetsRevision?: () => number;
  random?: () => number;
  /** Applies a job's firmware bandwidth policy to the firmware server (kilobits per second; null lifts it). */
  limitFirmware?: (jobId: JobId, kbps: number | null) => void;
  /** How often offline devices and new group members are looked at. Default 1 s. */
  tickMs?: number;
  /** Where every journal commit is published (subscribe before `recoverAfterRestart`). Default: a new one. */
  stream?: JobEventStream;
}

const SETTINGS_KEY = 'jobs.settings';
const DEFAULT_SETTINGS: JobSettings = { resumeAfterCrash: 'auto' };

/**
 * Runs jobs in this process: creates them from a confirmed plan, keeps one `JobRun` per unfinished job,
 * and after a crash re-arms every job from the journal (steps in flight become `unknown` and are re-verified).
 */
export class JobEngine {
  private readonly runs = new Map<JobId, JobRun>();
  private readonly journal: JournalWriter;
  private readonly stream: JobEventStream;
  private readonly publisher: UiProgressPublisher;

  constructor(private readonly deps: JobEngineDeps) {
    this.stream = deps.stream ?? new JobEventStream(deps.logger, deps.jobs.lastSeq());
    this.journal = new JournalWriter(deps.jobs, this.stream);
    this.publisher = new UiProgressPublisher({
      events: deps.events,
      liveSummary: (jobId) => this.runs.get(jobId)?.current() ?? null,
    });
    this.stream.subscribe(this.publisher);
  }

  /** Jobs a previous process left unfinished: in-flight steps become `unknown`; running jobs resume or pause. */
  recoverAfterRestart(): void {
    const { jobs, clock, logger } = this.deps;
    const resume = this.settings().resumeAfterCrash === 'auto';
    for (const stored of jobs.unfinished()) {
      if (!stored.spec) {
        logger.warn('unfinished job has a spec this version cannot read; left as it is', {
          jobId: stored.id,
        });
        continue;
      }
      const at = clock.now();
      const writes: JournalWrite[] = [];
      const announced = jobs.announcements(stored.id);
      jobs.executions(stored.id).forEach((exec, position) => {
        const event = crashEvent(exec, announced.get(exec.deviceId), at);
        if (!event) return;
        writes.push({
          kind: 'execution',
          jobId: stored.id,
          position,
          before: exec,
          after: reduceExecution(exec, event),
          event: 'crashed',
          at,
        });
      });
      // Published like any commit, and written before the run reads its executions back.
      this.stream.publish(writes, (inTransaction) => jobs.commit(writes, inTransaction));
      const run = this.load(stored.id, stored.spec, stored.abortBaseline);
      if (stored.state === 'running' && !resume) {
        run.pause(
          'crash',
          `the app stopped while the job ran; ${writes.length} step(s) will be re-verified on resume`,
        );
      }
      logger.warn('job recovered after a restart', {
        jobId: stored.id,
        state: stored.state,
        inFlight: writes.length,
      });
      run.begin();
    }
  }

  /**
   * Creates the job from the plan the technician confirmed and starts (or schedules) it. The plan is made
   * again by the caller just before, so what starts is what the device count and typed name confirmed.
   */
  async startPlanned(input: JobStart, plan: JobPlan): Promise<JobId> {
    const { spec } = input;
    if (plan.runnable === 0) {
      throw new DomainError('CONFLICT', 'every target device is skipped: nothing to run', {
        problem: 'nothing-to-run',
      });
    }
    if (input.confirmDevices !== plan.runnable) {
      throw new DomainError(
        'CONFLICT',
        `the plan changed: ${plan.runnable} devices would run, ${input.confirmDevices} were confirmed`,
        { problem: 'plan-changed', runnable: plan.runnable },
      );
    }
    if (plan.destructive && input.typedConfirmation?.trim() !== spec.name.trim()) {
      throw new DomainError('CONFLICT', `type the job name "${spec.name}" to confirm a destructive step`, {
        problem: 'confirmation-required',
      });
    }
    const id = this.deps.ids.next('job') as JobId;
    const at = this.deps.clock.now();
    const devices = plan.devices.map((d) => ({
      id: d.deviceId,
      name: d.deviceName,
      wave: d.wave ?? 0,
      skip: d.skip,
    }));
    const retryOf = input.retryOf ?? null;
    // A start, not a read: the job is on disk before its id is handed out.
    const created = this.journal.write({
      kind: 'create',
      jobId: id,
      spec,
      at,
      state: 'scheduled',
      retryOf,
      devices,
    });
    this.journal.flush();
    await created;
    // The run starts from what was just written, without reading a thousand rows back.
    const executions = devices.map((d) => newExecution(d, at));
    this.load(id, spec, null, {
      summary: newJobSummary(id, spec, at, retryOf, executions),
      executions,
    }).begin();
    return id;
  }

  pause(jobId: JobId): JobState {
    const run = this.live(jobId);
    run.pause();
    return run.current().state;
  }

  resume(jobId: JobId): JobState {
    const run = this.live(jobId);
    run.resume();
    return run.current().state;
  }

  cancel(jobId: JobId): JobState {
    const run = this.live(jobId);
    run.cancel();
    return run.current().state;
  }

  nextWave(jobId: JobId): { state: JobState; currentWave: number } {
    const run = this.live(jobId);
    run.nextWave();
    const { state, currentWave } = run.current();
    return { state, currentWave };
  }

  controlDevice(jobId: JobId, deviceId: DeviceId, action: 'hold' | 'release' | 'cancel'): ExecutionSummary {
    return this.live(jobId).controlDevice(deviceId, action);
  }

  /** The retry of an ended job as its dry run would show it (see `retryDraft`). */
  retryDraft(jobId: JobId, policy?: JobPolicy): RetryDraft {
    const detail = this.get(jobId);
    if (this.runs.has(jobId)) throw new DomainError('CONFLICT', `job ${jobId} has not ended yet`);
    const stored = this.deps.jobs.find(jobId);
    if (!stored?.spec) throw new DomainError('CONFLICT', `job ${jobId} cannot be read by this version`);
    return retryDraft(stored.spec, detail.executions, policy);
  }

  /**
   * A new run, linked to the ended one, over its failed, timed-out and not-reached devices with the policy
   * the technician confirmed in the retry's dry run; planned again, so `confirmDevices` must still hold.
   */
  async retryFailed(
    jobId: JobId,
    confirmed: { policy: JobPolicy; confirmDevices: number },
    plan: (spec: JobSpec) => Promise<JobPlan>,
  ): Promise<JobId> {
    const { spec } = this.retryDraft(jobId, confirmed.policy);
    return this.startPlanned(
      { spec, confirmDevices: confirmed.confirmDevices, typedConfirmation: spec.name, retryOf: jobId },
      await plan(spec),
    );
  }

  /** Every job, newest first: the stored list with the live summaries of the jobs this process runs. */
  list(): JobSummary[] {
    return this.deps.jobs.list().map((job) => this.runs.get(job.id)?.current() ?? job);
  }

  /**
   * A job this process runs, from memory (changes not on disk yet included); an ended one from the store,
   * which holds every commit up to the stream's last (a run ends only once its last change is on disk).
   */
  get(jobId: JobId): JobDetail {
    const run = this.runs.get(jobId);
    if (run) return run.snapshot();
    const detail = this.deps.jobs.detail(jobId);
    if (!detail) throw new DomainError('NOT_FOUND', `no job ${jobId}`);
    return { ...detail, seq: this.stream.lastSeq };
  }

  /** What the journal holds (changes of this tick's group commit come with the next page). */
  log(jobId: JobId, afterSeq: number, limit: number): JobLogEntry[] {
    if (!this.deps.jobs.find(jobId)) throw new DomainError('NOT_FOUND', `no job ${jobId}`);
    return this.deps.jobs.log(jobId, afterSeq, limit);
  }

  settings(): JobSettings {
    return this.deps.settings.read(
      SETTINGS_KEY,
      DEFAULT_SETTINGS,
      (v) => JobSettingsSchema.safeParse(v).data ?? null,
    );
  }

  updateSettings(update: JobSettingsUpdate): JobSettings {
    const next = { ...this.settings(), ...update };
    this.deps.settings.write(SETTINGS_KEY, next);
    return next;
  }

  /** Resolves when the job has ended or this process stopped running it (tests, shutdown). */
  async whenSettled(jobId: JobId): Promise<void> {
    await this.runs.get(jobId)?.settled;
  }

  /** Stops every job's work in this process; steps in flight are re-verified on the next start. */
  async shutdown(): Promise<void> {
    await Promise.all([...this.runs.values()].map((run) => run.shutdown()));
    this.journal.flush();
    this.runs.clear();
  }

  private stored(jobId: JobId): { summary: JobSummary; executions: ExecutionSummary[] } {
    const detail = this.deps.jobs.detail(jobId)!;
    return { summary: detail.job, executions: detail.executions };
  }

  private live(jobId: JobId): JobRun {
    const run = this.runs.get(jobId);
    if (run) return run;
    const stored = this.deps.jobs.find(jobId);
    if (!stored) throw new DomainError('NOT_FOUND', `no job ${jobId}`);
    throw new DomainError('CONFLICT', `job ${jobId} is ${stored.state}`);
  }

  private load(
    jobId: JobId,
    spec: JobSpec,
    abortBaseline: AbortBaseline | null,
    detail: { summary: JobSummary; executions: ExecutionSummary[] } = this.stored(jobId),
  ): JobRun {
    const { devices, clock } = this.deps;
    const run = new JobRun(
      {
        journal: this.journal,
        devices,
        drivers: this.deps.drivers,
        services: this.deps.services(jobId),
        events: this.deps.events,
        progress: this.publisher,
        lastSeq: () => this.stream.lastSeq,
        clock,
        logger: this.deps.logger,
        random: this.deps.random ?? Math.random,
        resolveTargets: () => this.deps.resolveTargets(spec),
        targetsRevision: this.deps.targetsRevision,
        tickMs: this.deps.tickMs ?? 1_000,
      },
      { id: jobId, spec, summary: detail.summary, executions: detail.executions, abortBaseline },
    );
    this.runs.set(jobId, run);
    this.deps.limitFirmware?.(jobId, spec.policy.firmwareBandwidthKbps);
    void run.settled.then(() => {
      if (this.runs.get(jobId) === run) this.runs.delete(jobId);
    });
    return run;
  }
}
