import type { FirmwareImportProblem } from '../../../shared/domain/firmware';
import { DomainError } from '../errors';

/**
 * An import the library refuses. Crosses IPC as CONFLICT with `details.problem` (see FirmwareImportProblemSchema)
 * and, for corrupt images, `details.reason` (e.g. `bad magic`, `sha256 mismatch`).
 */
export class FirmwareImportError extends DomainError {
  constructor(
    readonly problem: FirmwareImportProblem,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super('CONFLICT', message, { problem, ...extra });
    this.name = 'FirmwareImportError';
  }
}

/** A corrupt image; `reason` is the short cause the device would report too. */
export function corruptImage(reason: string, fileName: string): FirmwareImportError {
  return new FirmwareImportError('corrupt', `${fileName} is not a usable firmware image: ${reason}`, {
    reason,
  });
}
