import {
  type ChallengeFields,
  digestResponse,
  JSON_HA2,
  parseDigestHeader,
  sha256,
  SHELLY_USER,
} from './digest';
import { NonceBook, type NonceRules } from './nonce-book';

/**
 * - `legacy`: firmware before 2.0: the nonce is the unix time (decimal in JSON, hex in the header), any
 *   `nc` is accepted, a nonce older than the lifetime just gets a new challenge.
 * - `fw2`: firmware 2.0 rules (RFC 7616 nonce management, see NonceBook).
 */
export type AuthStyle = 'legacy' | 'fw2';

export type AuthCredentials =
  | { kind: 'none' }
  | { kind: 'json'; auth: unknown }
  | { kind: 'header'; header: string; method: string; uri: string };

export type AuthVerdict =
  | { ok: true }
  | { ok: false; kind: 'challenge'; challenge: ChallengeFields }
  | { ok: false; kind: 'throttled' }
  | { ok: false; kind: 'bad-request' };

interface Presented {
  realm: string;
  username: string;
  nonce: string;
  nc: number;
  ncText: string;
  cnonce: string;
  response: string;
  ha2: string;
}

/** How this device's challenges differ from the Mongoose ones (the Wall Display's, see shelly-models.ts). */
export interface ChallengeQuirks {
  /** Sent as `opaque` in the header challenge; a header answer must echo it. */
  challengeOpaque?: string;
  isChallengeNcString?: boolean;
}

export interface ShellyAuthOptions {
  realm: string;
  style: AuthStyle;
  rules: NonceRules;
  random: () => number;
  /** The current ha1, or null when auth is off. */
  ha1: () => string | null;
  nowMs?: () => number;
  challenge?: ChallengeQuirks;
}

const LEGACY_NONCE_MS = 3_600_000;

const text = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : undefined;

function fromJson(auth: unknown): Presented | undefined {
  if (typeof auth !== 'object' || auth === null || Array.isArray(auth)) return undefined;
  const a = auth as Record<string, unknown>;
  const [nonce, cnonce, response] = [text(a.nonce), text(a.cnonce), text(a.response)];
  if (nonce === undefined || cnonce === undefined || response === undefined) return undefined;
  // The Wall Display sends nc as a string; both forms are decimal here.
  const ncText = text(a.nc) ?? '1';
  const nc = Number.parseInt(ncText, 10);
  return {
    realm: text(a.realm) ?? '',
    username: text(a.username) ?? '',
    nonce,
    nc,
    ncText,
    cnonce,
    response,
    ha2: JSON_HA2,
  };
}

function fromHeader(
  credentials: Extract<AuthCredentials, { kind: 'header' }>,
  opaque: string | undefined,
): Presented | 'scheme' | undefined {
  const { header, method, uri } = credentials;
  const params = parseDigestHeader(header);
  if (params === undefined) return 'scheme';
  const get = (key: string): string => params.get(key) ?? '';
  if (get('qop').toLowerCase() !== 'auth' || get('algorithm').toUpperCase() !== 'SHA-256') return undefined;
  // RFC 7616 §3.4: the client returns `opaque` unchanged.
  if (opaque !== undefined && params.get('opaque') !== opaque) return undefined;
  if (get('uri') !== uri || !/^[0-9a-fA-F]{1,8}$/.test(get('nc'))) return undefined;
  return {
    realm: get('realm'),
    username: get('username'),
    nonce: get('nonce'),
    nc: Number.parseInt(get('nc'), 16),
    ncText: get('nc'),
    cnonce: get('cnonce'),
    response: get('response').toLowerCase(),
    ha2: sha256(`${method}:${uri}`),
  };
}

/** Digest authentication of one device (§1.6), for the JSON `auth` object and `Authorization: Digest`. */
export class ShellyAuth {
  private readonly book: NonceBook;
  private readonly nowMs: () => number;

  constructor(private readonly options: ShellyAuthOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    const makeNonce = (): string =>
      Buffer.from(Array.from({ length: 16 }, () => Math.floor(options.random() * 256))).toString('base64');
    this.book = new NonceBook(options.rules, makeNonce, this.nowMs);
  }

  get style(): AuthStyle {
    return this.options.style;
  }

  /** Forgets every nonce (a reboot does). */
  reset(): void {
    this.book.clear();
  }

  verify(credentials: AuthCredentials): AuthVerdict {
    const ha1 = this.options.ha1();
    if (ha1 === null) return { ok: true };
    if (credentials.kind === 'none') return this.challenge(false);
    const presented =
      credentials.kind === 'json'
        ? fromJson(credentials.auth)
        : fromHeader(credentials, this.options.challenge?.challengeOpaque);
    if (presented === 'scheme') return this.challenge(false);
    if (presented === undefined)
      return credentials.kind === 'json' ? { ok: false, kind: 'bad-request' } : this.challenge(false);
    if (presented.realm !== this.options.realm || presented.username !== SHELLY_USER)
      return this.challenge(false);
    const expected = digestResponse({
      ha1,
      nonce: presented.nonce,
      nc: presented.ncText,
      cnonce: presented.cnonce,
      ha2: presented.ha2,
    });
    if (expected !== presented.response) return this.challenge(false);
    if (this.options.style === 'legacy')
      return this.legacyNonceOk(presented, credentials.kind) ? { ok: true } : this.challenge(false);
    const use = this.book.use(presented.nonce, presented.nc);
    if (use === 'ok') return { ok: true };
    // The digest itself was right: only the nonce is no longer good, so the client may retry at once.
    return this.challenge(use === 'expired' || use === 'unknown');
  }

  private legacyNonceOk(presented: Presented, kind: 'json' | 'header'): boolean {
    const issued = kind === 'header' ? Number.parseInt(presented.nonce, 16) : Number(presented.nonce);
    if (!Number.isFinite(issued)) return false;
    const ageMs = this.nowMs() - issued * 1000;
    // Mongoose accepts a time nonce for an hour whatever the fleet's firmware-2.0 lifetime is.
    return ageMs > -60_000 && ageMs < LEGACY_NONCE_MS;
  }

  private challenge(stale: boolean): AuthVerdict {
    const quirks = {
      ...(this.options.challenge?.challengeOpaque === undefined
        ? {}
        : { opaque: this.options.challenge.challengeOpaque }),
      ...(this.options.challenge?.isChallengeNcString ? { isNcString: true } : {}),
    };
    const realm = this.options.realm;
    if (this.options.style === 'legacy') {
      const nonce = Math.floor(this.nowMs() / 1000);
      return { ok: false, kind: 'challenge', challenge: { realm, nonce, stale: false, ...quirks } };
    }
    const nonce = this.book.issue();
    if (nonce === undefined) return { ok: false, kind: 'throttled' };
    return { ok: false, kind: 'challenge', challenge: { realm, nonce, stale, ...quirks } };
  }
}
