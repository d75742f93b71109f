import { describe, expect, it } from 'vitest';
import { classifyAuthReply, type RawReply } from './shelly-auth-reply';

const CHALLENGE = '{"auth_type": "digest", "nonce": 1725185413, "realm": "r", "algorithm": "SHA-256"}';
const errorFrame = (code: number, message: string) =>
  JSON.stringify({ id: 1, src: 'dev', dst: 'fb', error: { code, message } });

describe('classifyAuthReply', () => {
  it.each<[string, RawReply, unknown]>([
    [
      'HTTP 401 with header and error frame',
      {
        status: 401,
        wwwAuthenticate: 'Digest qop="auth", realm="r", nonce="66d4c0a5", algorithm=SHA-256',
        text: errorFrame(401, CHALLENGE),
      },
      {
        kind: 'challenge',
        json: { realm: 'r', nonce: 1725185413, stale: false },
        header: { realm: 'r', nonce: '66d4c0a5', stale: false },
      },
    ],
    [
      // What a device sends over HTTP: mongoose-os-libs/rpc-common mg_rpc_channel_http.c,
      // mg_rpc_channel_http_send_not_authorized (Content-Length 0; PROTOCOLS.md §1.6 corrected 2026-12-07).
      'HTTP 401 with the header and an empty body',
      {
        status: 401,
        wwwAuthenticate: 'Digest qop="auth", realm="r", nonce="66d4c0a5", algorithm=SHA-256',
        text: '',
      },
      { kind: 'challenge', json: null, header: { realm: 'r', nonce: '66d4c0a5', stale: false } },
    ],
    [
      'a WebSocket 401 error frame',
      { text: errorFrame(401, CHALLENGE) },
      { kind: 'challenge', json: { realm: 'r', nonce: 1725185413, stale: false }, header: null },
    ],
    [
      'the REST form bare 401 error',
      { status: 401, text: JSON.stringify({ code: 401, message: CHALLENGE }) },
      {
        kind: 'challenge',
        json: { realm: 'r', nonce: 1725185413, stale: false },
        header: null,
      },
    ],
    [
      'HTTP 401 without any challenge',
      { status: 401, text: 'Unauthorized' },
      { kind: 'challenge', json: null, header: null },
    ],
    ['HTTP 429', { status: 429, text: errorFrame(429, 'Too Many Requests') }, { kind: 'throttled' }],
    ['a WebSocket 429 error frame', { text: errorFrame(429, 'Too Many Requests') }, { kind: 'throttled' }],
    ['a result', { status: 200, text: '{"id":1,"result":{"uptime":3}}' }, { kind: 'answer' }],
    ['another error frame', { status: 200, text: errorFrame(-105, 'Bad id=7') }, { kind: 'answer' }],
    ['garbage', { status: 200, text: '{"id":1,"src":"\u0000' }, { kind: 'answer' }],
    ['a text 500', { status: 500, text: 'Internal Server Error' }, { kind: 'answer' }],
  ])('%s', (_what, reply, expected) => {
    expect(classifyAuthReply(reply)).toEqual(expected);
  });
});
