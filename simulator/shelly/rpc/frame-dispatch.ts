import type { AuthCredentials, AuthVerdict } from '../auth/shelly-auth';
import { challengeMessage, type ChallengeFields } from '../auth/digest';
import { RPC_CODE, type RpcErrorBody } from './rpc-error';
import { errorFrame, resultFrame, type RpcRequest } from './rpc-frame';
import type { RpcParams } from './rpc-params';
import type { RpcOutcome } from './rpc-router';

/** What every RPC channel (HTTP frame, REST form, WebSocket) needs from a device. */
export interface RpcTarget {
  readonly id: string;
  authorize(credentials: AuthCredentials): AuthVerdict;
  invoke(method: string, params: RpcParams, afterReply: (fn: () => void) => void): RpcOutcome;
}

/** Outcome of one call after auth: an answer, or a refusal the channel renders its own way. */
export type CallOutcome =
  | { kind: 'outcome'; outcome: RpcOutcome }
  | { kind: 'challenge'; challenge: ChallengeFields; error: RpcErrorBody }
  | { kind: 'throttled'; error: RpcErrorBody };

/** `Shelly.GetDeviceInfo` stays open with auth on (§1.3); so does `/shelly`. */
export const isOpenMethod = (method: string): boolean => method.toLowerCase() === 'shelly.getdeviceinfo';

export const THROTTLED_ERROR: RpcErrorBody = { code: RPC_CODE.tooManyRequests, message: 'Too Many Requests' };
export const BAD_AUTH_ERROR: RpcErrorBody = { code: RPC_CODE.badRequest, message: 'bad request' };

export interface CallOptions {
  /** Credentials in order of preference: the frame's `auth` object, then an `Authorization` header. */
  credentials: AuthCredentials;
  /** WebSocket challenges carry `"nc": 1` (§1.6). */
  isWebSocket: boolean;
  afterReply: (fn: () => void) => void;
}

export function callWithAuth(
  target: RpcTarget,
  method: string,
  params: RpcParams,
  options: CallOptions,
): CallOutcome {
  if (!isOpenMethod(method)) {
    const verdict = target.authorize(options.credentials);
    if (!verdict.ok) {
      if (verdict.kind === 'throttled') return { kind: 'throttled', error: THROTTLED_ERROR };
      if (verdict.kind === 'bad-request')
        return { kind: 'outcome', outcome: { ok: false, error: BAD_AUTH_ERROR } };
      const message = challengeMessage(verdict.challenge, options.isWebSocket);
      return {
        kind: 'challenge',
        challenge: verdict.challenge,
        error: { code: RPC_CODE.unauthorized, message },
      };
    }
  }
  return { kind: 'outcome', outcome: target.invoke(method, params, options.afterReply) };
}

/** The response frame for a call outcome (error frames for refusals too). */
export function frameFor(target: RpcTarget, request: RpcRequest, call: CallOutcome): Record<string, unknown> {
  const address = { id: request.id, src: target.id, dst: request.src };
  if (call.kind !== 'outcome') return errorFrame(address, call.error);
  return call.outcome.ok
    ? resultFrame(address, call.outcome.result)
    : errorFrame(address, call.outcome.error);
}

/** Picks the credentials of a request: the JSON `auth` object wins over the header. */
export function credentialsOf(
  auth: unknown,
  header: string | undefined,
  method: string,
  uri: string,
): AuthCredentials {
  if (auth !== undefined) return { kind: 'json', auth };
  if (header !== undefined) return { kind: 'header', header, method, uri };
  return { kind: 'none' };
}
