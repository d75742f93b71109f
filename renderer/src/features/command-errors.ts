import { IpcError } from '../../../shared/ipc/result';
import { noticeShown } from '../stores/ui-store';

/** A command failure as the technician reads it. */
export function errorMessage(error: unknown): string {
  return error instanceof IpcError ? `${error.message} (${error.code})` : String(error);
}

/** Shows a failed command in the app's notice bar. */
export function reportError(error: unknown): void {
  noticeShown(errorMessage(error));
}
