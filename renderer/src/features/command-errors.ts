import { IpcError, type ErrorCode } from '../../../shared/ipc/result';
import { noticeShown } from '../stores/ui-store';

/**
 * What a technician can do after a command failed with this code. Keyed by string rather than switched over
 * ErrorCode so a code added to the contract reads "try again" here until it gets words of its own.
 */
const NEXT_STEP: Readonly<Record<string, string>> = {
  INVALID_INPUT: 'Nothing was changed: correct the value and try again.',
  UNKNOWN_COMMAND: 'This window and Fieldbatch are different versions: restart Fieldbatch.',
  NOT_FOUND: 'It may have been removed meanwhile: look at the current list.',
  CONFLICT: 'Nothing was changed: check what the message names, then try again.',
  FORBIDDEN: 'Check the password or credential set, then try again.',
  UNAVAILABLE: 'Check that it is powered and on this network, then try again.',
  TIMEOUT: 'Nothing answered in time: check the connection, then try again.',
  PAYLOAD_TOO_LARGE: 'Nothing was sent: send less at once (a smaller file or fewer devices).',
  INTERNAL: 'Try again; if it happens again, keep the app log for support.',
};

const nextStep = (code: ErrorCode) => NEXT_STEP[code] ?? 'Try again.';

// Not capitalised: messages often start with a name as the device or file spells it (`bad.bin`, `hall_plug`).
const sentence = (text: string) => {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

/** A command failure as the technician reads it: what went wrong, then what to do, never the code itself. */
export function errorMessage(error: unknown): string {
  if (error instanceof IpcError) return `${sentence(error.message)} ${nextStep(error.code)}`;
  return sentence(error instanceof Error ? error.message : String(error));
}

/** Shows a failed command in the app's notice bar. */
export function reportError(error: unknown): void {
  noticeShown(errorMessage(error));
}
