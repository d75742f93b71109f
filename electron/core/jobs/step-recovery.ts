import { isSameFirmwareVersion } from '../../../shared/domain/firmware-version';
import type { JobStep } from '../../../shared/domain/job';
import { abortableSleep } from '../drivers/abortable-sleep';
import type { DeviceDriver, DeviceState, DeviceTarget, StepServices } from '../drivers/device-driver';
import { DeviceError } from '../device-error';

/** What re-verification after a crash concluded about the step that was in flight. */
export type RecoveryVerdict =
  | { kind: 'done'; result: string }
  | { kind: 'not-applied'; why: string }
  | { kind: 'failed'; message: string }
  /** Cannot be told from the device: the technician decides (release sends it again, cancel ends it). */
  | { kind: 'undecidable'; message: string };

/** Running these twice does no harm: after a crash they simply run again. */
const IDEMPOTENT: ReadonlySet<JobStep['action']> = new Set(['reboot', 'config-change', 'collect']);

export interface RecoveryContext {
  driver: DeviceDriver;
  target: DeviceTarget;
  services: StepServices;
  /** When the step was sent (the journal's write before the side effect). */
  sentAt: number;
  now: () => number;
  signal: AbortSignal;
  /** How long a device may take to act on a command it received just before the crash. Default 3 s. */
  settleMs?: number;
  /** How long to keep asking a device that does not answer (it may be rebooting). */
  readBudgetMs: number;
}

async function readWhenBack(ctx: RecoveryContext): Promise<DeviceState | DeviceError> {
  const until = ctx.now() + ctx.readBudgetMs;
  let last: DeviceError = new DeviceError('unreachable', 'the device did not answer');
  while (!ctx.signal.aborted) {
    try {
      return await ctx.driver.readState(ctx.target, { signal: ctx.signal, services: ctx.services });
    } catch (error) {
      if (!(error instanceof DeviceError)) throw error;
      last = error;
    }
    if (ctx.now() >= until) break;
    await abortableSleep(1_000, ctx.signal);
  }
  return last;
}

/**
 * Decides, from the device itself, whether a step that was in flight when the app died took effect. Steps
 * that cannot be undone are never sent again unless the device proves it did not act on them: a firmware
 * update counts as done only on the target version; a device that restarted after the command but runs the old
 * version rolled back (failed, not re-flashed); one that did not restart never got it (sent again).
 */
export async function verifyAfterCrash(step: JobStep, ctx: RecoveryContext): Promise<RecoveryVerdict> {
  if (IDEMPOTENT.has(step.action)) return { kind: 'not-applied', why: `${step.action} is safe to run again` };
  if (step.action !== 'firmware-update' && step.action !== 'factory-reset') {
    return {
      kind: 'undecidable',
      message: `${step.action} was in flight when the app stopped and cannot be verified: release the device to send it again, or cancel it`,
    };
  }
  const settle = ctx.sentAt + (ctx.settleMs ?? 3_000) - ctx.now();
  if (settle > 0) await abortableSleep(settle, ctx.signal);
  const state = await readWhenBack(ctx);
  if (state instanceof DeviceError) {
    return { kind: 'undecidable', message: `could not re-verify after the restart: ${state.message}` };
  }
  const restartedSince = state.uptimeSeconds !== null && state.uptimeSeconds * 1000 < ctx.now() - ctx.sentAt;
  if (step.action === 'factory-reset') {
    return restartedSince
      ? { kind: 'done', result: `restarted after the reset was sent (uptime ${state.uptimeSeconds} s)` }
      : { kind: 'not-applied', why: 'the device has not restarted since the reset was sent' };
  }
  const image = await ctx.services.firmwareFor(step.images, ctx.target, {
    allowDowngrade: step.allowDowngrade,
  });
  if (!image) return { kind: 'failed', message: 'no library image fits the device any more' };
  if (isSameFirmwareVersion(state.firmware, image.version)) {
    return { kind: 'done', result: `verified after a restart of the app: running ${state.firmware}` };
  }
  if (restartedSince) {
    return {
      kind: 'failed',
      message: `the device restarted after the update was sent but runs ${state.firmware}, not ${image.version} (rolled back?)`,
    };
  }
  return { kind: 'not-applied', why: `the device still runs ${state.firmware} and has not restarted` };
}
