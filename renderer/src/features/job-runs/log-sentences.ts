import type { StepAction } from '../../../../shared/domain/device-actions';
import { FailureReasonSchema, SkipReasonSchema, type JobLogEntry } from '../../../../shared/domain/job';
import { failureWords } from '../device-actions/failure-words';
import { skipWords } from './skip-words';

/** A step's kind as a technician names it. */
export const STEP_WORDS: Record<StepAction, string> = {
  reboot: 'reboot',
  'firmware-update': 'firmware update',
  'config-change': 'configuration change',
  collect: 'snapshot',
  'factory-reset': 'factory reset',
  'set-password': 'password change',
  'raw-command': 'raw command',
};

export interface LogContext {
  /** The job's steps in order (the journal counts them from 0). */
  steps: readonly { action: StepAction }[];
  nameOf: (deviceId: string) => string;
}

export interface LogSentence {
  seq: number;
  at: number;
  text: string;
  /** The journal line as main wrote it, for whoever needs the exact states. */
  details: string;
}

interface Position {
  step: number;
  attempt: number;
}

/** What the journal's `detail` carries: `{step, attempt}` while running, `{reason, message, attempt}` on a change. */
interface Detail {
  step?: number;
  attempt?: number;
  reason?: string;
  message?: string | null;
}

function parseDetail(detail: string | null): Detail | string | null {
  if (detail === null) return null;
  try {
    const value: unknown = JSON.parse(detail);
    return typeof value === 'object' && value !== null ? (value as Detail) : detail;
  } catch {
    return detail;
  }
}

function reasonWords(reason: string | undefined): string {
  const failure = FailureReasonSchema.safeParse(reason);
  if (failure.success) return failureWords(failure.data);
  const skip = SkipReasonSchema.safeParse(reason);
  return skip.success ? skipWords(skip.data) : 'for a reason Fieldbatch did not record';
}

const withMessage = (words: string, message: string | null | undefined) =>
  message ? `${words} (${message})` : words;

function stepName(context: LogContext, step: number | undefined): string {
  if (step === undefined) return 'a step';
  const action = context.steps[step]?.action;
  return action ? `step ${step + 1} (${STEP_WORDS[action]})` : `step ${step + 1}`;
}

const attemptWords = (attempt: number | undefined) => (attempt ? ` on attempt ${attempt}` : '');

function afterFailure(to: string): string {
  switch (to) {
    case 'queued':
      return 'it will be tried again after a pause';
    case 'waiting-offline':
      return 'waiting for the device to come back online';
    default:
      return 'no more attempts';
  }
}

/** One device's line, given where the device stood before it (its step and attempt). */
function deviceSentence(
  line: JobLogEntry,
  name: string,
  context: LogContext,
  at: Position | undefined,
): string {
  const parsed = parseDetail(line.detail);
  const detail = typeof parsed === 'object' && parsed !== null ? parsed : {};
  const step = stepName(context, at?.step ?? detail.step);
  switch (line.event) {
    case 'added':
      return `${name} joined the job (a new member of a target group).`;
    case 'started':
      return `${name}: ${stepName(context, detail.step ?? at?.step)} started, attempt ${detail.attempt ?? 1}.`;
    case 'step-succeeded':
    case 'verified-done': {
      // The line carries the step that comes next; the one that ended is the one before it.
      const next = line.to === 'running' && detail.step !== undefined ? detail.step - 1 : undefined;
      const ended = stepName(context, at?.step ?? next);
      const checked = line.event === 'verified-done' ? ', as the check after the restart showed' : '';
      const done = line.to === 'succeeded' ? ' All steps done.' : '';
      return `${name}: ${ended} succeeded${attemptWords(at?.attempt)}${checked}.${done}`;
    }
    case 'step-failed':
    case 'verified-failed': {
      const why = withMessage(reasonWords(detail.reason), detail.message);
      return `${name}: ${step} failed${attemptWords(detail.attempt ?? at?.attempt)}: ${why}; ${afterFailure(line.to)}.`;
    }
    case 'verified-not-applied':
      return `${name}: ${step} had not taken effect when Fieldbatch stopped; it will be sent again.`;
    case 'went-offline':
      return `${name} went offline; the job waits for it.`;
    case 'came-online':
      return `${name} is back online and queued again.`;
    case 'not-reached':
    case 'skipped':
      return `${name} skipped: ${withMessage(reasonWords(detail.reason), detail.message)}.`;
    case 'hold':
      return `${name} put on hold.`;
    case 'release':
      return `${name} released from hold.`;
    case 'canceled':
      return `${name} canceled.`;
    case 'crashed':
    case 'crashed-announced':
      return `${name}: Fieldbatch stopped during ${step}; the device is checked before anything is sent again.`;
    default:
      return `${name}: ${line.event} (now ${line.to}).`;
  }
}

function jobSentence(line: JobLogEntry): string {
  const message = typeof parseDetail(line.detail) === 'string' ? line.detail : null;
  switch (line.event) {
    case 'created':
      return 'Job created.';
    case 'job-started':
      return 'Job started.';
    case 'paused':
      return withMessage('Job paused', message) + '.';
    case 'abort-threshold':
      return (
        withMessage(`Job ${line.to === 'canceled' ? 'canceled' : 'paused'} by the failure limit`, message) +
        '.'
      );
    case 'resumed':
      return 'Job resumed.';
    case 'wave-opened':
      return 'The next wave started.';
    case 'cancel-requested':
      return 'Cancel requested: no device starts anything new.';
    case 'completed':
      return 'Job finished.';
    case 'canceled':
      return 'Job canceled.';
    default:
      return `Job: ${line.event} (now ${line.to}).`;
  }
}

function detailsOf(line: JobLogEntry): string {
  const states = line.from === null ? line.to : `${line.from} → ${line.to}`;
  return `${line.event} ${states}${line.detail ? ` ${line.detail}` : ''}`;
}

/**
 * The journal as sentences ("Hall Plug: step 1 (firmware update) succeeded on attempt 1."), oldest first.
 * A success line carries the next step, not the one that ended, so each device's step and attempt are
 * followed through the lines; give every line loaded, not only those shown.
 */
export function logSentences(lines: readonly JobLogEntry[], context: LogContext): LogSentence[] {
  const position = new Map<string, Position>();
  return lines.map((line) => {
    let text: string;
    if (line.deviceId === null) {
      text = jobSentence(line);
    } else {
      const before = position.get(line.deviceId);
      text = deviceSentence(line, context.nameOf(line.deviceId), context, before);
      const parsed = parseDetail(line.detail);
      if (typeof parsed === 'object' && parsed !== null && parsed.step !== undefined) {
        position.set(line.deviceId, { step: parsed.step, attempt: parsed.attempt ?? 1 });
      } else if (typeof parsed === 'object' && parsed?.attempt !== undefined && before) {
        position.set(line.deviceId, { ...before, attempt: parsed.attempt });
      }
    }
    return { seq: line.seq, at: line.at, text, details: detailsOf(line) };
  });
}
