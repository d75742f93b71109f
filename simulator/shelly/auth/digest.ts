import { createHash } from 'node:crypto';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The user is fixed on Shelly Gen2+. */
export const SHELLY_USER = 'admin';

/** HA2 of the JSON `auth` object: Mongoose checks with method `dummy_method` and uri `dummy_uri` (§1.6). */
export const JSON_HA2 = sha256('dummy_method:dummy_uri');

/** `HA1 = sha256("admin:<realm>:<password>")`, what `Shelly.SetAuth` takes as `ha1`. */
export function shellyHa1(realm: string, password: string): string {
  return sha256(`${SHELLY_USER}:${realm}:${password}`);
}

export interface DigestInput {
  ha1: string;
  nonce: string;
  /** As the client wrote it: decimal in the JSON form, 8 hex digits in the header form. */
  nc: string;
  cnonce: string;
  ha2: string;
}

/** `sha256(HA1:nonce:nc:cnonce:auth:HA2)`. */
export function digestResponse({ ha1, nonce, nc, cnonce, ha2 }: DigestInput): string {
  return sha256(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
}

/**
 * Parses the parameters of `Authorization: Digest k=v, k="v", ...`. Values are split at the first `=`
 * only, because firmware 2.0 nonces are base64 and may end in `=`. Returns undefined for another scheme.
 */
export function parseDigestHeader(header: string): Map<string, string> | undefined {
  const match = /^\s*Digest\s+(.*)$/is.exec(header);
  if (match === null) return undefined;
  const params = new Map<string, string>();
  const pattern = /\s*([A-Za-z0-9_-]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^,]*)\s*(?:,|$)/gy;
  for (let m = pattern.exec(match[1]); m !== null && m[0] !== ''; m = pattern.exec(match[1])) {
    const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[2].trim();
    params.set(m[1].toLowerCase(), value);
  }
  return params;
}

export interface ChallengeFields {
  realm: string;
  /** Legacy: unix seconds (a JSON number; hex in the header). Firmware 2.0: an opaque base64 string. */
  nonce: number | string;
  stale: boolean;
  /** Sent in the header when set; the client must echo it (the Wall Display sends `opaque=""`). */
  opaque?: string;
  /** The WebSocket challenge's `nc` as a JSON string (`"1"`), as the Wall Display sends it. */
  isNcString?: boolean;
}

/** `WWW-Authenticate` value (RFC 7616 form, as the devices send it). */
export function wwwAuthenticate({ realm, nonce, stale, opaque }: ChallengeFields): string {
  const headerNonce = typeof nonce === 'number' ? nonce.toString(16) : nonce;
  const opaquePart = opaque === undefined ? '' : `, opaque="${opaque}"`;
  return `Digest qop="auth", realm="${realm}", nonce="${headerNonce}"${opaquePart}, algorithm=SHA-256${stale ? ', stale=true' : ''}`;
}

/**
 * The JSON string carried in the `message` of a 401 error frame. Spaced like the device fixture
 * (`{"auth_type": "digest", "nonce": 1725185413, "nc": 1, ...}`); `nc` only on WebSocket.
 */
export function challengeMessage(fields: ChallengeFields, withNc: boolean): string {
  const parts = [`"auth_type": "digest"`, `"nonce": ${JSON.stringify(fields.nonce)}`];
  if (withNc) parts.push(fields.isNcString ? `"nc": "1"` : `"nc": 1`);
  parts.push(`"realm": ${JSON.stringify(fields.realm)}`, `"algorithm": "SHA-256"`);
  if (fields.stale) parts.push(`"stale": true`);
  return `{${parts.join(', ')}}`;
}
