import type { JobStep } from '../../../shared/domain/job';
import {
  StepDeadlineExceeded,
  type DeviceDriver,
  type DeviceTarget,
  type StepProgress,
  type StepResult,
  type StepServices,
} from '../drivers/device-driver';
import { DeviceError } from '../device-error';
import type { Logger } from '../ports';

/** Abort reasons the runner tells apart: the technician canceled, or this process is stopping. */
export class CancelRequested extends Error {
  override name = 'CancelRequested';
}
export class ShutdownRequested extends Error {
  override name = 'ShutdownRequested';
}

export type StepOutcome =
  | { kind: 'ok'; result: StepResult }
  | { kind: 'canceled' }
  | { kind: 'shutdown' }
  | { kind: 'failed'; error: DeviceError };

/** Maps whatever stopped a step (cancel, shutdown, deadline, driver error) to one outcome. Never throws. */
export function outcomeOf(error: unknown, signal: AbortSignal, logger: Logger): StepOutcome {
  const reason: unknown = signal.reason;
  if (reason instanceof CancelRequested) return { kind: 'canceled' };
  if (reason instanceof ShutdownRequested) return { kind: 'shutdown' };
  if (error instanceof DeviceError) return { kind: 'failed', error };
  if (reason instanceof StepDeadlineExceeded) {
    return { kind: 'failed', error: new DeviceError('timeout', reason.message) };
  }
  logger.error('driver threw an unexpected error', { error: String(error) });
  return {
    kind: 'failed',
    error: new DeviceError('internal', `unexpected error: ${(error as Error).message}`),
  };
}

/**
 * Runs one step under the device task's controller: the step's time budget aborts that same controller, so a
 * step costs one timer and no second controller (a thousand devices hand over in one burst).
 */
export async function runStepWithin(input: {
  driver: DeviceDriver;
  step: JobStep;
  target: DeviceTarget;
  services: StepServices;
  task: AbortController;
  budgetMs: number;
  onProgress: (progress: StepProgress) => void;
  logger: Logger;
}): Promise<StepOutcome> {
  const { task } = input;
  const timer = setTimeout(
    () => task.abort(new StepDeadlineExceeded(`step took longer than ${input.budgetMs} ms`)),
    input.budgetMs,
  );
  try {
    task.signal.throwIfAborted();
    const result = await input.driver.runStep(input.step, input.target, {
      signal: task.signal,
      onProgress: input.onProgress,
      services: input.services,
      credentials: null,
    });
    return { kind: 'ok', result };
  } catch (error) {
    return outcomeOf(error, task.signal, input.logger);
  } finally {
    clearTimeout(timer);
  }
}
