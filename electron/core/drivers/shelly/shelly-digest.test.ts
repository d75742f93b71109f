import { describe, expect, it } from 'vitest';
import {
  JSON_AUTH_HA2,
  buildAuthObject,
  buildAuthorizationHeader,
  digestResponse,
  headerHa2,
  parseAuthParams,
  parseChallengeMessage,
  parseWwwAuthenticate,
  sha256Hex,
  shellyHa1,
} from './shelly-digest';

const REALM = 'shellyplus1pm-a8032ab12345';

describe('parseWwwAuthenticate', () => {
  it.each([
    [
      'legacy hex nonce',
      `Digest qop="auth", realm="${REALM}", nonce="66d4c0a5", algorithm=SHA-256`,
      { realm: REALM, nonce: '66d4c0a5', stale: false },
    ],
    [
      'fw 2.0 base64 nonce ending in ==, stale',
      `Digest qop="auth", realm="${REALM}", nonce="q1w2e3r4t5y6u7i8o9p0aA==", algorithm=SHA-256, stale=true`,
      { realm: REALM, nonce: 'q1w2e3r4t5y6u7i8o9p0aA==', stale: true },
    ],
    [
      'unquoted nonce ending in =, split at the first = only',
      `Digest realm=${REALM},nonce=ab+/cd==,stale=TRUE,qop=auth`,
      { realm: REALM, nonce: 'ab+/cd==', stale: true },
    ],
    [
      'empty opaque, echoed later',
      `Digest realm="${REALM}", nonce="n1", opaque="", algorithm=SHA-256`,
      { realm: REALM, nonce: 'n1', stale: false, opaque: '' },
    ],
    [
      'quoted comma and escaped quote',
      'Digest realm="a,b\\"c", nonce="x=y"',
      { realm: 'a,b"c', nonce: 'x=y', stale: false },
    ],
    [
      'lower-case scheme and extra spaces',
      'digest   realm = "r" ,  nonce = "n"',
      { realm: 'r', nonce: 'n', stale: false },
    ],
  ])('parses %s', (_what, header, expected) => {
    expect(parseWwwAuthenticate(header)).toEqual(expected);
  });

  it.each([
    ['another scheme', 'Basic realm="x"'],
    ['no nonce', `Digest realm="${REALM}"`],
    ['an empty nonce', `Digest realm="${REALM}", nonce=""`],
    ['another algorithm', `Digest realm="${REALM}", nonce="n", algorithm=MD5`],
    ['no header', undefined],
  ])('rejects %s', (_what, header) => {
    expect(parseWwwAuthenticate(header)).toBeNull();
  });

  it('keeps every parameter, lower-cased keys', () => {
    expect(Object.fromEntries(parseAuthParams('A=1, b="2,3", C = "x\\\\y"'))).toEqual({
      a: '1',
      b: '2,3',
      c: 'x\\y',
    });
  });
});

describe('parseChallengeMessage (401 error frame message)', () => {
  it.each([
    [
      'legacy numeric nonce, as the device fixture spaces it',
      `{"auth_type": "digest", "nonce": 1725185413, "nc": 1, "realm": "${REALM}", "algorithm": "SHA-256"}`,
      { realm: REALM, nonce: 1725185413, stale: false },
    ],
    [
      'fw 2.0 opaque nonce, stale',
      `{"auth_type": "digest", "nonce": "AAECAwQFBgcICQoLDA0ODw==", "realm": "${REALM}", "algorithm": "SHA-256", "stale": true}`,
      { realm: REALM, nonce: 'AAECAwQFBgcICQoLDA0ODw==', stale: true },
    ],
    [
      'opaque',
      `{"nonce": "n", "realm": "r", "opaque": ""}`,
      { realm: 'r', nonce: 'n', stale: false, opaque: '' },
    ],
  ])('parses %s', (_what, message, expected) => {
    expect(parseChallengeMessage(message)).toEqual(expected);
  });

  it.each([
    ['not JSON', 'Unauthorized'],
    ['no realm', '{"nonce": 1}'],
    ['no nonce', '{"realm": "r"}'],
    ['another algorithm', '{"nonce": 1, "realm": "r", "algorithm": "MD5"}'],
    ['null', 'null'],
  ])('rejects %s', (_what, message) => {
    expect(parseChallengeMessage(message)).toBeNull();
  });
});

describe('digest responses', () => {
  it('uses the documented constant HA2 for the JSON auth object', () => {
    expect(JSON_AUTH_HA2).toBe('6370ec69915103833b5222b368555393393f098bfbfbb59f47e0590af135f062');
  });

  it('matches the RFC 7616 §3.9.1 SHA-256 example', () => {
    const ha1 = sha256Hex('Mufasa:http-auth@example.org:Circle of Life');
    const response = digestResponse({
      ha1,
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      nc: '00000001',
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      ha2: headerHa2('GET', '/dir/index.html'),
    });
    expect(response).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });

  it('derives HA1 from admin, the realm and the password', () => {
    expect(shellyHa1(REALM, 'pw')).toBe(sha256Hex(`admin:${REALM}:pw`));
  });

  it('builds the JSON auth object with a decimal nc and the nonce in the type the device sent', () => {
    const ha1 = shellyHa1(REALM, 'pw');
    const auth = buildAuthObject({
      challenge: { realm: REALM, nonce: 1725185413, stale: false },
      ha1,
      nc: 12,
      cnonce: 'c0ffee',
    });
    expect(auth).toEqual({
      realm: REALM,
      username: 'admin',
      nonce: 1725185413,
      cnonce: 'c0ffee',
      algorithm: 'SHA-256',
      nc: 12,
      response: digestResponse({ ha1, nonce: '1725185413', nc: '12', cnonce: 'c0ffee', ha2: JSON_AUTH_HA2 }),
    });
  });

  it('builds the Authorization header with an 8-hex nc, POST:/rpc HA2 and the opaque echoed', () => {
    const ha1 = shellyHa1(REALM, 'pw');
    const challenge = { realm: REALM, nonce: 'AAECAwQFBgcICQoLDA0ODw==', stale: false, opaque: '' };
    const header = buildAuthorizationHeader({
      challenge,
      ha1,
      nc: 255,
      cnonce: 'abc',
      method: 'POST',
      uri: '/rpc',
    });
    expect(header.startsWith('Digest ')).toBe(true);
    const params = Object.fromEntries(parseAuthParams(header.slice('Digest '.length)));
    expect(params).toEqual({
      username: 'admin',
      realm: REALM,
      nonce: 'AAECAwQFBgcICQoLDA0ODw==',
      uri: '/rpc',
      algorithm: 'SHA-256',
      qop: 'auth',
      nc: '000000ff',
      cnonce: 'abc',
      opaque: '',
      response: digestResponse({
        ha1,
        nonce: challenge.nonce,
        nc: '000000ff',
        cnonce: 'abc',
        ha2: sha256Hex('POST:/rpc'),
      }),
    });
  });
});
