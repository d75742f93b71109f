import { JobPolicySchema, type FailureReason, type JobPolicy } from '../../../../shared/domain/job';
import { durationText, parseDuration } from '../../components/format-duration';

/**
 * The rollout policy while the technician edits it: numbers as typed (strings), choices as unions. Built from
 * the schema's defaults, so every field starts at the value main would use. The `…Ms` fields hold durations
 * as typed (`3 min`, `1 h`); they become milliseconds only in `policyInputOf`.
 */
export interface PolicyDraft {
  concurrency: string;
  httpConcurrency: string;
  mqttConcurrency: string;
  /** '' = as fast as concurrency allows. */
  ratePerMinute: string;
  rebootStaggerMs: string;
  /** '' = the firmware server's own cap. */
  firmwareBandwidthKbps: string;
  stepTimeoutMs: string;
  retryMax: string;
  retryBaseDelayMs: string;
  retryMaxDelayMs: string;
  retryJitter: string;
  retryOn: FailureReason[];
  canary: 'none' | 'count' | 'percent';
  canaryValue: string;
  waves: 'rest' | 'sizes' | 'percents';
  /** Comma-separated sizes or percents. */
  waveValues: string;
  gateSuccessPercent: string;
  gateAdvance: 'auto' | 'manual';
  isAbortOn: boolean;
  abortFailurePercent: string;
  abortMinExecuted: string;
  abortAction: 'pause' | 'cancel';
  /** Tighter limits per failure reason; '' = none. */
  abortPerReason: Partial<Record<FailureReason, string>>;
  /** `datetime-local` value; '' = start at once. */
  startAt: string;
  isWindowOn: boolean;
  windowFrom: string;
  windowTo: string;
  offlineMode: 'defer' | 'skip';
  offlineDeadlineMs: string;
}

/** What the abort and window fields start at when switched on (the schema has no default for them). */
export const SUGGESTED = { abortFailurePercent: '10', windowFrom: '22:00', windowTo: '06:00' } as const;

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
const duration = (ms: number | null | undefined) => (ms === null || ms === undefined ? '' : durationText(ms));
const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms as a `datetime-local` value in this computer's time zone. */
export function localDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function policyDraftOf(policy: JobPolicy): PolicyDraft {
  const { canary, waves, abort, schedule } = policy;
  return {
    concurrency: text(policy.concurrency),
    httpConcurrency: text(policy.transportConcurrency.http),
    mqttConcurrency: text(policy.transportConcurrency.mqtt),
    ratePerMinute: text(policy.ratePerMinute),
    rebootStaggerMs: duration(policy.rebootStaggerMs),
    firmwareBandwidthKbps: text(policy.firmwareBandwidthKbps),
    stepTimeoutMs: duration(policy.stepTimeoutMs),
    retryMax: text(policy.retries.max),
    retryBaseDelayMs: duration(policy.retries.baseDelayMs),
    retryMaxDelayMs: duration(policy.retries.maxDelayMs),
    retryJitter: text(policy.retries.jitter),
    retryOn: [...policy.retries.retryOn],
    canary: canary === null ? 'none' : canary.count !== undefined ? 'count' : 'percent',
    canaryValue: text(canary?.count ?? canary?.percent),
    waves: waves.sizes ? 'sizes' : waves.percents ? 'percents' : 'rest',
    waveValues: (waves.sizes ?? waves.percents ?? []).join(', '),
    gateSuccessPercent: text(policy.waveGate.successPercent),
    gateAdvance: policy.waveGate.advance,
    isAbortOn: abort !== null,
    abortFailurePercent: abort ? text(abort.failurePercent) : SUGGESTED.abortFailurePercent,
    abortMinExecuted: text(abort?.minExecuted ?? 5),
    abortAction: abort?.action ?? 'pause',
    abortPerReason: Object.fromEntries(Object.entries(abort?.perReason ?? {}).map(([r, p]) => [r, text(p)])),
    startAt: schedule.startAt === null ? '' : localDateTime(schedule.startAt),
    isWindowOn: schedule.window !== null,
    windowFrom: schedule.window?.from ?? SUGGESTED.windowFrom,
    windowTo: schedule.window?.to ?? SUGGESTED.windowTo,
    offlineMode: policy.offline.mode,
    offlineDeadlineMs: duration(policy.offline.deadlineMs),
  };
}

/** The defaults main applies to a job that says nothing about its policy. */
export function defaultPolicyDraft(): PolicyDraft {
  return policyDraftOf(JobPolicySchema.parse({}));
}

/** A typed number; '' is left out (the schema's default applies), anything unreadable is sent for the schema to name. */
function num(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isNaN(n) ? trimmed : n;
}

/** A typed duration in milliseconds; '' is left out, anything unreadable is sent for the schema to refuse. */
function ms(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return parseDuration(trimmed) ?? trimmed;
}

/** Like `num`, but '' means null ("no limit"). */
const numOrNull = (value: string) => num(value) ?? null;

const list = (value: string) =>
  value
    .split(/[\s,;]+/)
    .filter((v) => v !== '')
    .map((v) => num(v));

function abortInput(d: PolicyDraft): unknown {
  if (!d.isAbortOn) return null;
  const perReason = Object.fromEntries(
    Object.entries(d.abortPerReason).flatMap(([reason, p]) =>
      num(p ?? '') === undefined ? [] : [[reason, num(p!)]],
    ),
  );
  return {
    failurePercent: num(d.abortFailurePercent),
    minExecuted: num(d.abortMinExecuted),
    perReason,
    action: d.abortAction,
  };
}

function startAtInput(value: string): number | string | null {
  if (value === '') return null;
  const epoch = new Date(value).getTime();
  return Number.isNaN(epoch) ? value : epoch;
}

/** The policy the draft stands for, not validated yet: `JobPolicySchema` reports what is wrong, by path. */
export function policyInputOf(d: PolicyDraft): unknown {
  return {
    concurrency: num(d.concurrency),
    transportConcurrency: { http: num(d.httpConcurrency), mqtt: num(d.mqttConcurrency) },
    ratePerMinute: numOrNull(d.ratePerMinute),
    rebootStaggerMs: ms(d.rebootStaggerMs),
    firmwareBandwidthKbps: numOrNull(d.firmwareBandwidthKbps),
    stepTimeoutMs: ms(d.stepTimeoutMs),
    retries: {
      max: num(d.retryMax),
      baseDelayMs: ms(d.retryBaseDelayMs),
      maxDelayMs: ms(d.retryMaxDelayMs),
      jitter: num(d.retryJitter),
      retryOn: d.retryOn,
    },
    canary: d.canary === 'none' ? null : { [d.canary]: num(d.canaryValue) },
    waves: d.waves === 'rest' ? {} : { [d.waves]: list(d.waveValues) },
    waveGate: { successPercent: num(d.gateSuccessPercent), advance: d.gateAdvance },
    abort: abortInput(d),
    schedule: {
      startAt: startAtInput(d.startAt),
      window: d.isWindowOn ? { from: d.windowFrom, to: d.windowTo } : null,
    },
    offline: { mode: d.offlineMode, deadlineMs: ms(d.offlineDeadlineMs) },
  };
}
