import { parseChallengeMessage, parseWwwAuthenticate, type DigestChallenge } from './shelly-digest';

/** What a reply means for authentication (PROTOCOLS.md §1.6, §1.8). */
export type AuthReply =
  /** Not an auth refusal: the caller parses it as an ordinary reply (result or error frame). */
  | { kind: 'answer' }
  /** 401: the challenge in each form the reply carried (either may be missing). */
  | { kind: 'challenge'; json: DigestChallenge | null; header: DigestChallenge | null }
  /** 429: every nonce slot is taken (firmware 2.0); back off and ask again. */
  | { kind: 'throttled' };

export interface RawReply {
  /** HTTP status; absent on WebSocket. */
  status?: number;
  /** The `WWW-Authenticate` header, when the channel has headers. */
  wwwAuthenticate?: string;
  /** The reply body or frame text. */
  text: string;
}

const UNAUTHORIZED = 401;
const TOO_MANY_REQUESTS = 429;

/** The `error` of a JSON error frame (or of the bare error the REST form sends), if the text is one. */
function errorOf(text: string): { code: unknown; message: unknown } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const frame = value as Record<string, unknown>;
  const error = (frame.error ?? (frame.code !== undefined ? frame : null)) as Record<string, unknown> | null;
  return error && typeof error === 'object' ? { code: error.code, message: error.message } : null;
}

/** Classifies one reply: an HTTP status of 401/429 or an error frame with code 401/429 is an auth refusal. */
export function classifyAuthReply(reply: RawReply): AuthReply {
  const error = errorOf(reply.text);
  if (reply.status === TOO_MANY_REQUESTS || error?.code === TOO_MANY_REQUESTS) return { kind: 'throttled' };
  if (reply.status !== UNAUTHORIZED && error?.code !== UNAUTHORIZED) return { kind: 'answer' };
  return {
    kind: 'challenge',
    json: typeof error?.message === 'string' ? parseChallengeMessage(error.message) : null,
    header: parseWwwAuthenticate(reply.wwwAuthenticate),
  };
}
