import { createHash } from 'node:crypto';

/**
 * Pure digest maths for Shelly Gen2+ (PROTOCOLS.md §1.6): challenge parsing from the `WWW-Authenticate` header
 * and from the 401 error frame's `message`, and the two ways to answer (JSON `auth` object, RFC 7616 header).
 * The user is always `admin`, the algorithm SHA-256, qop `auth`.
 */

export const SHELLY_USER = 'admin';

/** A digest challenge as the device sent it. */
export interface DigestChallenge {
  realm: string;
  /**
   * Kept exactly as sent: legacy firmware sends a number in the JSON form (unix time) and hex in the header;
   * firmware 2.0 sends an opaque base64 string in both. The response hashes its text form, and the JSON
   * `auth` object echoes it with the same JSON type.
   */
  nonce: string | number;
  /** The nonce expired (or was evicted): take the new one, the password was right. */
  stale: boolean;
  /** Echoed back in the header form when present (Wall Display sends `opaque=""`). */
  opaque?: string;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** `HA1 = sha256("admin:<realm>:<password>")`; also what `Shelly.SetAuth` takes as `ha1`. */
export function shellyHa1(realm: string, password: string): string {
  return sha256Hex(`${SHELLY_USER}:${realm}:${password}`);
}

/** Mongoose checks JSON `auth` objects with method `dummy_method` and uri `dummy_uri`. */
export const JSON_AUTH_HA2 = sha256Hex('dummy_method:dummy_uri');

export function headerHa2(method: string, uri: string): string {
  return sha256Hex(`${method}:${uri}`);
}

export interface DigestInput {
  ha1: string;
  nonce: string | number;
  /** As written on the wire: decimal in JSON, 8 hex digits in the header. */
  nc: string;
  cnonce: string;
  ha2: string;
}

/** `sha256(HA1:nonce:nc:cnonce:auth:HA2)`. */
export function digestResponse({ ha1, nonce, nc, cnonce, ha2 }: DigestInput): string {
  return sha256Hex(`${ha1}:${String(nonce)}:${nc}:${cnonce}:auth:${ha2}`);
}

/**
 * Splits `k=v, k="v", …` into lower-cased keys and values. Each parameter is split at its FIRST `=` only
 * (firmware 2.0 nonces are base64 and end in `=`); quoted values may hold commas and backslash escapes.
 */
export function parseAuthParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = 0;
  const skip = (chars: string) => {
    while (i < text.length && chars.includes(text[i]!)) i++;
  };
  while (i < text.length) {
    skip(' \t,');
    const eq = text.indexOf('=', i);
    if (eq < 0) break;
    const key = text.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    skip(' \t');
    let value = '';
    if (text[i] === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
      }
      i++;
    } else {
      const end = text.indexOf(',', i);
      value = text.slice(i, end < 0 ? text.length : end).trim();
      i = end < 0 ? text.length : end;
    }
    if (key !== '') params.set(key, value);
  }
  return params;
}

/** The challenge in `WWW-Authenticate: Digest …`; null for another scheme or a challenge without realm/nonce. */
export function parseWwwAuthenticate(header: string | undefined): DigestChallenge | null {
  const match = header === undefined ? null : /^\s*Digest\s+(.*)$/is.exec(header);
  if (!match) return null;
  const params = parseAuthParams(match[1]!);
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  if (realm === undefined || nonce === undefined || nonce === '') return null;
  const algorithm = params.get('algorithm');
  if (algorithm !== undefined && algorithm.toUpperCase() !== 'SHA-256') return null;
  const opaque = params.get('opaque');
  return {
    realm,
    nonce,
    stale: params.get('stale')?.toLowerCase() === 'true',
    ...(opaque === undefined ? {} : { opaque }),
  };
}

/**
 * The challenge carried as a JSON string in a 401 error frame's `message`
 * (`{"auth_type": "digest", "nonce": 1725185413, "nc": 1, "realm": "…", "algorithm": "SHA-256"}`).
 */
export function parseChallengeMessage(message: string): DigestChallenge | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const c = value as Record<string, unknown>;
  const nonce = c.nonce;
  const isNonce =
    (typeof nonce === 'string' && nonce !== '') || (typeof nonce === 'number' && Number.isFinite(nonce));
  if (typeof c.realm !== 'string' || !isNonce) return null;
  if (typeof c.algorithm === 'string' && c.algorithm.toUpperCase() !== 'SHA-256') return null;
  return {
    realm: c.realm,
    nonce: nonce as string | number,
    stale: c.stale === true || c.stale === 'true',
    ...(typeof c.opaque === 'string' ? { opaque: c.opaque } : {}),
  };
}

export interface DigestAnswer {
  challenge: DigestChallenge;
  ha1: string;
  /** Use count of this nonce, from 1. */
  nc: number;
  cnonce: string;
}

/** The frame's `auth` object; `nc` in decimal, the nonce with the type the device used. */
export function buildAuthObject({ challenge, ha1, nc, cnonce }: DigestAnswer): Record<string, unknown> {
  const response = digestResponse({
    ha1,
    nonce: challenge.nonce,
    nc: String(nc),
    cnonce,
    ha2: JSON_AUTH_HA2,
  });
  return {
    realm: challenge.realm,
    username: SHELLY_USER,
    nonce: challenge.nonce,
    cnonce,
    response,
    algorithm: 'SHA-256',
    nc,
  };
}

const quote = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`;

/** `Authorization: Digest …` for `method uri` (RFC 7616), `nc` as 8 hex digits, `opaque` echoed. */
export function buildAuthorizationHeader(answer: DigestAnswer & { method: string; uri: string }): string {
  const { challenge, ha1, cnonce, method, uri } = answer;
  const nc = answer.nc.toString(16).padStart(8, '0');
  const nonce = String(challenge.nonce);
  const response = digestResponse({ ha1, nonce, nc, cnonce, ha2: headerHa2(method, uri) });
  const parts = [
    `username=${quote(SHELLY_USER)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(nonce)}`,
    `uri=${quote(uri)}`,
    'algorithm=SHA-256',
    `response=${quote(response)}`,
    'qop=auth',
    `nc=${nc}`,
    `cnonce=${quote(cnonce)}`,
  ];
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}
