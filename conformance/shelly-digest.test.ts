import { describe, expect, it } from 'vitest';
import { classifyAuthReply } from '../electron/core/drivers/shelly/shelly-auth-reply';
import { parseWwwAuthenticate } from '../electron/core/drivers/shelly/shelly-digest';
import { authCaptures, type AuthCapture } from './fixture-files';

const expectedChallenge = ({ expected }: AuthCapture) => ({
  realm: expected.realm,
  nonce: expected.nonce,
  stale: expected.stale,
  ...(expected.opaque === undefined ? {} : { opaque: expected.opaque }),
});

describe.each(authCaptures())('real 401 challenge %s', (_file, capture) => {
  it('is classified as a challenge carrying the realm, nonce (same JSON type), stale flag and opaque', () => {
    const reply =
      capture.transport === 'http'
        ? {
            status: capture.status,
            wwwAuthenticate: capture.headers?.['WWW-Authenticate'],
            text: capture.body ?? '',
          }
        : { text: capture.frame! };
    const auth = classifyAuthReply(reply);
    expect(auth.kind).toBe('challenge');
    if (auth.kind !== 'challenge') return;
    const challenge = capture.transport === 'http' ? auth.header : auth.json;
    expect(challenge).toEqual(expectedChallenge(capture));
  });

  if (capture.transport === 'http') {
    it('keeps a header nonce exactly, padding and slashes included', () => {
      const header = capture.headers!['WWW-Authenticate'];
      expect(parseWwwAuthenticate(header)?.nonce).toBe(String(capture.expected.nonce));
    });
  }
});

describe('the real challenge set', () => {
  it('spans firmware 0.x to 2.x, both transports, a stale nonce and the Wall Display opaque', () => {
    const all = authCaptures().map(([, c]) => c);
    expect(new Set(all.map((c) => c.transport))).toEqual(new Set(['http', 'ws']));
    expect(all.some((c) => c.expected.stale)).toBe(true);
    expect(all.some((c) => c.expected.opaque === '')).toBe(true);
    expect(all.some((c) => typeof c.expected.nonce === 'number')).toBe(true);
    expect(all.some((c) => /^2\./.test(c.firmware))).toBe(true);
  });
});
