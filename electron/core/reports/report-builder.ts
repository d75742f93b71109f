import type { JobId } from '../../../shared/domain/job';
import {
  REPORT_SCHEMA_VERSION,
  type HandoverReport,
  type ReportAuditEntry,
  type ReportDevice,
  type ReportRun,
  type ReportScope,
} from '../../../shared/domain/report';
import { assertNever } from '../../../shared/util/assert-never';
import { DomainError } from '../errors';
import type { Clock } from '../ports';
import type { ReportAuditSource, ReportDeviceRow, ReportRunRow, ReportStore } from './report-ports';
import { progressSeries, summarizeDevices } from './report-summary';

export interface ReportBuilderDeps {
  store: ReportStore;
  audit: ReportAuditSource;
  clock: Clock;
  /** The computer's name (os.hostname()). */
  host: string;
  appVersion: string;
}

const span = (from: number | null, to: number | null) =>
  from === null || to === null ? null : Math.max(0, to - from);

function firstStart(runs: readonly ReportRunRow[]): number | null {
  const starts = runs.flatMap((r) => (r.startedAt === null ? [] : [r.startedAt]));
  return starts.length === 0 ? null : Math.min(...starts);
}

const dayWords = (ms: number, withYear: boolean) =>
  new Date(ms).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
  });

/**
 * "between 1 Dec and 8 Dec 2026" (or "on 8 Dec 2026"): the visit's days in this computer's time zone, as the
 * renderer chose them (`to` is the midnight after the last day, so the last day is the one before it).
 */
export function visitDays({ from, to }: { from: number; to: number }): string {
  const last = Math.max(from, to - 1);
  const first = dayWords(from, true);
  if (first === dayWords(last, true)) return `on ${first}`;
  const sameYear = new Date(from).getFullYear() === new Date(last).getFullYear();
  return `between ${dayWords(from, !sameYear)} and ${dayWords(last, true)}`;
}

/** Distinct operators in order of first appearance. */
function operatorsOf(entries: readonly ReportAuditEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => (e.operator ? [e.operator] : [])))];
}

function toDevice(row: ReportDeviceRow): ReportDevice {
  return {
    jobId: row.jobId,
    deviceId: row.deviceId,
    name: row.name,
    model: row.model,
    family: row.family,
    firmwareBefore: row.firmwareBefore,
    firmwareAfter: row.firmwareAfter,
    outcome: row.state,
    reason: row.reason,
    message: row.message,
    attempts: row.attempts,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    durationMs: span(row.startedAt, row.finishedAt),
  };
}

/** Builds the handover report of a run or a site visit from storage and the audit log. */
export class ReportBuilder {
  constructor(private readonly deps: ReportBuilderDeps) {}

  /** NOT_FOUND for an unknown job and for a visit in which no run started. */
  build(scope: ReportScope): HandoverReport {
    const runs = this.runsOf(scope);
    const jobIds = runs.map((r) => r.jobId);
    const runAudit = new Map<JobId, ReportAuditEntry[]>(
      runs.map((r) => [r.jobId, this.deps.audit.entries({ jobId: r.jobId })]),
    );
    const audit = this.scopeAudit(scope, runAudit);
    const devices = this.deps.store.devices(jobIds).map(toDevice);
    return {
      schemaVersion: REPORT_SCHEMA_VERSION,
      generatedAt: this.deps.clock.now(),
      generator: { app: 'Fieldbatch', version: this.deps.appVersion },
      scope,
      host: this.deps.host,
      operators: operatorsOf(audit),
      runs: runs.map((r) => this.toRun(r, runAudit.get(r.jobId) ?? [])),
      devices,
      summary: summarizeDevices(devices),
      progress: progressSeries(this.deps.store.finishTimes(jobIds), devices.length, firstStart(runs)),
      audit,
      auditChain: this.deps.audit.chain(),
    };
  }

  private runsOf(scope: ReportScope): ReportRunRow[] {
    switch (scope.kind) {
      case 'job': {
        const run = this.deps.store.run(scope.jobId);
        if (!run) throw new DomainError('NOT_FOUND', `there is no run ${scope.jobId} to report on`);
        return [run];
      }
      case 'visit': {
        const runs = this.deps.store.runsStartedBetween(scope.from, scope.to);
        // An empty handover would look like a visit where nothing was done: say so instead.
        if (runs.length === 0) throw new DomainError('NOT_FOUND', `No runs started ${visitDays(scope)}.`);
        return runs;
      }
      default:
        return assertNever(scope, 'report scope');
    }
  }

  /** A run's own entries; a visit's are everything logged in its time range plus its runs' own. */
  private scopeAudit(scope: ReportScope, runAudit: Map<JobId, ReportAuditEntry[]>): ReportAuditEntry[] {
    const entries = [...runAudit.values()].flat();
    if (scope.kind === 'visit') entries.push(...this.deps.audit.entries({ from: scope.from, to: scope.to }));
    const bySeq = new Map(entries.map((e) => [e.seq, e]));
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  private toRun(row: ReportRunRow, audit: readonly ReportAuditEntry[]): ReportRun {
    return {
      jobId: row.jobId,
      name: row.name,
      state: row.state,
      retryOf: row.retryOf,
      steps: row.steps,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      durationMs: span(row.startedAt, row.finishedAt),
      operators: operatorsOf(audit),
      devices: row.devices,
    };
  }
}
