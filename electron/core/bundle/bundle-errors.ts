import type { BundleProblem } from '../../../shared/domain/bundle';
import { DomainError } from '../errors';

/**
 * A bundle the app refuses, before anything was written. Crosses IPC as CONFLICT with `details.problem`
 * (BundleProblemSchema) and `details.path` when one entry is at fault; the message says it in plain words.
 */
export class BundleError extends DomainError {
  constructor(
    readonly problem: BundleProblem,
    message: string,
    extra: { path?: string; [key: string]: unknown } = {},
  ) {
    super('CONFLICT', message, { problem, ...extra });
    this.name = 'BundleError';
  }
}
