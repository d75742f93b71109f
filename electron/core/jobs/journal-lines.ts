import type { DeviceId } from '../../../shared/domain/device';
import type { ExecutionSummary, JobLogEntry } from '../../../shared/domain/job';
import { assertNever } from '../../../shared/util/assert-never';
import type { JournalWrite } from './job-store';

/** A journal line as a store keeps it, before it gets its `seq`. */
export type JournalLine = Omit<JobLogEntry, 'seq'>;

/**
 * The journal lines one write adds (announcements add none), so every store keeps the same log: a job's
 * creation, each device added, and every job or execution transition with what explains it.
 */
export function journalLines(w: JournalWrite): JournalLine[] {
  switch (w.kind) {
    case 'execution': {
      const line = { deviceId: w.after.deviceId, at: w.at ?? w.after.updatedAt, event: w.event };
      return [
        { ...line, from: w.before.state, to: w.after.state, detail: executionDetail(w.before, w.after) },
      ];
    }
    case 'job':
      return [
        {
          deviceId: null,
          at: w.at,
          event: w.event,
          from: w.from,
          to: w.to,
          detail: w.detail ?? w.fields.pauseMessage,
        },
      ];
    case 'announce':
      return [];
    case 'create':
      return [{ deviceId: null, at: w.at, event: 'created', from: null, to: w.state, detail: null }];
    case 'append':
      return w.devices.map((d) => added(d.id, w.at));
    default:
      return assertNever(w, 'journal write');
  }
}

function added(deviceId: DeviceId, at: number): JournalLine {
  return { deviceId, at, event: 'added', from: null, to: 'queued', detail: null };
}

/** Why it ended or failed when that changed; which step and attempt when it runs. */
function executionDetail(before: ExecutionSummary, after: ExecutionSummary): string | null {
  const changed = after.state !== before.state || after.reason !== before.reason;
  if (changed && (after.reason || after.skipReason)) {
    return JSON.stringify({
      reason: after.reason ?? after.skipReason,
      message: after.message,
      attempt: after.attempt,
    });
  }
  return after.state === 'running' ? JSON.stringify({ step: after.stepIndex, attempt: after.attempt }) : null;
}
