import { z } from 'zod';

/**
 * The closed set of error codes that cross the IPC boundary.
 * - INVALID_INPUT: the payload failed the contract's schema (details: the zod issues); nothing changed.
 * - UNKNOWN_COMMAND: the name is not in the contract.
 * - NOT_FOUND / CONFLICT: the target does not exist / is not in a state that allows the command.
 * - FORBIDDEN: the caller is not our renderer (wrong origin or token).
 * - UNAVAILABLE / TIMEOUT: a device, port or service could not be reached in time.
 * - PAYLOAD_TOO_LARGE: the request is larger than any valid command can be (MAX_FRAME_BYTES in
 *   frame-limits.ts); it was not run. The connection stays open.
 * - INTERNAL: a bug; the message is generic and the detail is only in the main-process log.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_COMMAND',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAVAILABLE',
  'TIMEOUT',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const IpcErrorPayloadSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type IpcErrorPayload = z.infer<typeof IpcErrorPayloadSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcErrorPayload };

export const ResultEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcErrorPayloadSchema }),
]);

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, details?: unknown): Result<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/** What the renderer's client throws when a command returns `ok: false`. */
export class IpcError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'IpcError';
  }
}
