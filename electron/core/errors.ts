import type { ErrorCode } from '../../shared/ipc/result';

/** An error core throws on purpose; its code crosses the IPC boundary, its message is shown to the user. */
export class DomainError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'INTERNAL' | 'UNKNOWN_COMMAND'>,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
