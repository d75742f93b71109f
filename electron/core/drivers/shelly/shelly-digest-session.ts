import { randomBytes } from 'node:crypto';
import { abortableSleep } from '../abortable-sleep';
import type { DeviceCredentials } from '../device-driver';
import { DeviceError } from '../../device-error';
import type { AuthReply } from './shelly-auth-reply';
import { buildAuthObject, buildAuthorizationHeader, shellyHa1, type DigestChallenge } from './shelly-digest';
import { NonceCache, type AuthForm, type NonceGrant } from './shelly-nonce-cache';

/** Looked up only when a device actually challenges; null when no credential set applies. */
export type CredentialsSource = () => Promise<DeviceCredentials | null>;

/** What one attempt carries: the frame's `auth` object, or an `Authorization` header. */
export type AuthPayload =
  { form: 'json'; auth: Record<string, unknown> } | { form: 'header'; authorization: string };

/** Back-off while a firmware 2.0 device answers 429 (all 32 nonce slots live; it throttles ~2 s). */
export interface ThrottlePolicy {
  /** First pause; doubled per further 429 up to `maxDelayMs`. Default 250 ms. */
  initialDelayMs: number;
  /** Default 2000 ms. */
  maxDelayMs: number;
  /** 429 replies tolerated in one call before failing with `device-error`. Default 6. */
  maxAttempts: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { initialDelayMs: 250, maxDelayMs: 2_000, maxAttempts: 6 };

/** Observability for tests and logs; never carries secrets. */
export interface AuthEvent {
  kind: 'challenged' | 'stale' | 'renewed' | 'throttled' | 'reused';
  key: string;
}

export interface DigestSessionOptions {
  throttle?: Partial<ThrottlePolicy>;
  /** Injected in unit tests; default abortableSleep. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Client nonce source; default 8 random bytes in hex. */
  cnonce?: () => string;
  onEvent?: (event: AuthEvent) => void;
}

export interface DigestCall<T> {
  /** Nonce cache key: one device channel (see NonceCache). */
  key: string;
  /** Forms this channel can carry, preferred first. */
  forms: readonly AuthForm[];
  /** What the header form's digest covers (RFC 7616 `method:uri`). Default POST /rpc. */
  request?: { method: string; uri: string };
  /** Absent: the call is made without credentials (a challenge then fails it). */
  credentials?: CredentialsSource;
  signal: AbortSignal;
  /** Sends once, with or without auth, and classifies what came back. */
  send(auth: AuthPayload | null): Promise<{ reply: T; auth: AuthReply }>;
}

/** Challenges answered in one call before giving up (fresh, stale, replayed-by-a-concurrent-call …). */
const MAX_CHALLENGES = 4;

export const NO_CREDENTIALS_MESSAGE = 'the device requires a password: assign a credential set';

/**
 * Runs one call through Shelly digest auth (PROTOCOLS.md §1.6). The first call to a device goes without
 * auth; its 401 challenge is answered with nc=1, and the accepted nonce is cached and reused with an
 * increasing nc. A nonce a call got from its own challenge is used by that call alone until accepted, so a
 * non-stale 401 to it can only mean a wrong password: that fails at once, never loops. A 401 to a cached nonce
 * (expired, evicted, or overtaken by a concurrent call's higher nc) just takes the new nonce.
 */
export class DigestSession {
  private readonly nonces = new NonceCache();
  private readonly throttle: ThrottlePolicy;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly cnonce: () => string;

  constructor(private readonly options: DigestSessionOptions = {}) {
    this.throttle = { ...DEFAULT_THROTTLE, ...options.throttle };
    this.sleep = options.sleep ?? abortableSleep;
    this.cnonce = options.cnonce ?? (() => randomBytes(8).toString('hex'));
  }

  /** Forgets the cached nonces of every key starting with `prefix`. */
  forget(prefix: string): void {
    this.nonces.forget(prefix);
  }

  async run<T>(call: DigestCall<T>): Promise<T> {
    let credentials: DeviceCredentials | null = null;
    let hasLookedUp = false;
    const lookup = async () => {
      if (!hasLookedUp) [credentials, hasLookedUp] = [(await call.credentials?.()) ?? null, true];
      return credentials;
    };
    const cached = async () =>
      call.credentials && this.nonces.has(call.key) && (await lookup()) ? this.nonces.lease(call.key) : null;
    let grant: NonceGrant | null = await cached();
    if (grant) this.emit('reused', call.key);
    let isFresh = false;
    let challenges = 0;
    let throttled = 0;
    for (;;) {
      call.signal.throwIfAborted();
      const payload = grant && credentials ? this.payload(grant, credentials, call) : null;
      const { reply, auth } = await call.send(payload);
      if (auth.kind === 'answer') {
        if (grant) this.nonces.publish(call.key, grant);
        return reply;
      }
      if (grant) this.nonces.drop(call.key, grant.challenge.nonce);
      if (auth.kind === 'throttled') {
        throttled += 1;
        if (throttled > this.throttle.maxAttempts) {
          throw new DeviceError(
            'device-error',
            `the device kept answering 429 Too Many Requests (${throttled} times): too many logins at once`,
          );
        }
        this.emit('throttled', call.key);
        await this.sleep(this.backoffMs(throttled), call.signal);
        [grant, isFresh] = [await cached(), false];
        continue;
      }
      const picked = pickChallenge(auth, call.forms);
      if (!picked)
        throw new DeviceError('device-error', 'the device refused the call (401) without a challenge');
      const { challenge, form } = picked;
      if (grant && isFresh && !challenge.stale) {
        throw new DeviceError('device-error', `wrong password for ${challenge.realm}`);
      }
      if (!(await lookup())) throw new DeviceError('device-error', NO_CREDENTIALS_MESSAGE);
      challenges += 1;
      if (challenges > MAX_CHALLENGES) {
        throw new DeviceError(
          'device-error',
          `${challenge.realm} kept challenging the login (${challenges} times)`,
        );
      }
      this.emit(challenge.stale ? 'stale' : grant ? 'renewed' : 'challenged', call.key);
      [grant, isFresh] = [{ challenge, form, nc: 1 }, true];
    }
  }

  private payload(grant: NonceGrant, credentials: DeviceCredentials, call: DigestCall<unknown>): AuthPayload {
    const answer = {
      challenge: grant.challenge,
      ha1: shellyHa1(grant.challenge.realm, credentials.password),
      nc: grant.nc,
      cnonce: this.cnonce(),
    };
    if (grant.form === 'json') return { form: 'json', auth: buildAuthObject(answer) };
    const request = call.request ?? { method: 'POST', uri: '/rpc' };
    return { form: 'header', authorization: buildAuthorizationHeader({ ...answer, ...request }) };
  }

  private backoffMs(attempt: number): number {
    return Math.min(this.throttle.maxDelayMs, this.throttle.initialDelayMs * 2 ** (attempt - 1));
  }

  private emit(kind: AuthEvent['kind'], key: string): void {
    this.options.onEvent?.({ kind, key });
  }
}

/** The challenge in the first preferred form the reply carried. */
function pickChallenge(
  auth: Extract<AuthReply, { kind: 'challenge' }>,
  forms: readonly AuthForm[],
): { challenge: DigestChallenge; form: AuthForm } | null {
  for (const form of forms) {
    const challenge = form === 'json' ? auth.json : auth.header;
    if (challenge) return { challenge, form };
  }
  return null;
}
