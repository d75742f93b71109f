import { createHash } from 'node:crypto';

/**
 * Client-side digest maths written from PROTOCOLS.md §1.6 alone (not from the simulator's code), so the
 * tests check the device against the documented algorithm.
 */
export const h = (text: string): string => createHash('sha256').update(text).digest('hex');

export function ha1(realm: string, password: string): string {
  return h(`admin:${realm}:${password}`);
}

/** The JSON `auth` object for a frame, from a 401 challenge message. */
export function jsonAuth(
  challengeMessage: string,
  password: string,
  nc = 1,
  cnonce = 'c0ffee',
): Record<string, unknown> {
  const challenge = JSON.parse(challengeMessage) as { nonce: number | string; realm: string };
  const ha2 = h('dummy_method:dummy_uri');
  const response = h(`${ha1(challenge.realm, password)}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return {
    realm: challenge.realm,
    username: 'admin',
    nonce: challenge.nonce,
    cnonce,
    response,
    algorithm: 'SHA-256',
    nc,
  };
}

/** Splits `Digest a="b", c=d` at the first `=` of each parameter (base64 nonces end in `=`). */
export function parseChallengeHeader(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.replace(/^Digest\s+/i, '').split(/,\s*/)) {
    const eq = part.indexOf('=');
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return out;
}

/**
 * The challenge of an HTTP 401 (header only: its body is empty, §1.6) as the JSON challenge string the
 * WebSocket error frame carries, for `jsonAuth`. A legacy header nonce is the unix time in hex (`%lx` in
 * mg_rpc_channel_http.c) and the JSON form wants it decimal; a firmware 2.0 nonce is base64 and kept as is.
 */
export function challengeFromHeader(header: string): string {
  const c = parseChallengeHeader(header);
  const nonce = /^[0-9a-f]{1,12}$/.test(c.nonce) ? Number.parseInt(c.nonce, 16) : c.nonce;
  return JSON.stringify({
    nonce,
    realm: c.realm,
    ...(c.stale === undefined ? {} : { stale: c.stale === 'true' }),
  });
}

/** An RFC 7616 `Authorization: Digest` header value for `method uri`. */
export function authorizationHeader(
  challengeHeader: string,
  options: { password: string; method: string; uri: string; nc?: number; cnonce?: string },
): string {
  const c = parseChallengeHeader(challengeHeader);
  const nc = (options.nc ?? 1).toString(16).padStart(8, '0');
  const cnonce = options.cnonce ?? 'abc123';
  const response = h(
    `${ha1(c.realm, options.password)}:${c.nonce}:${nc}:${cnonce}:auth:${h(`${options.method}:${options.uri}`)}`,
  );
  return `Digest username="admin", realm="${c.realm}", nonce="${c.nonce}", uri="${options.uri}", algorithm=SHA-256, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"`;
}
