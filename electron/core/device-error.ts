import type { FailureReason } from '../../shared/domain/job';

/** A device or the way to it misbehaved. `reason` is the closed category shown in the job monitor. */
export class DeviceError extends Error {
  override name = 'DeviceError';
  constructor(
    readonly reason: FailureReason,
    message: string,
  ) {
    super(message);
  }
}
