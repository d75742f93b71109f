import { describe, expect, it } from 'vitest';
import { syncErrorWords } from './sync-error-words';

describe('syncErrorWords', () => {
  it.each([
    [
      'no acknowledgement from 127.0.0.1:1 for 15 s: connect ECONNREFUSED 127.0.0.1:1',
      'cannot reach 127.0.0.1:1: connection refused',
    ],
    [
      'cannot reach 127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1',
      'cannot reach 127.0.0.1:1: connection refused',
    ],
    ['getaddrinfo ENOTFOUND office.invalid', 'cannot reach office.invalid: name not found'],
    ['office.invalid:8883: EAI_AGAIN', 'cannot reach office.invalid:8883: name not found'],
    ['no acknowledgement from 192.0.2.5:8883 for 15 s', 'cannot reach 192.0.2.5:8883: timed out'],
    ['backoffice:443: ECONNRESET', 'cannot reach backoffice:443: connection dropped'],
    ['connect EHOSTUNREACH 192.0.2.9:8883', 'cannot reach 192.0.2.9:8883: network unreachable'],
  ])('says %s as "%s"', (raw, words) => {
    expect(syncErrorWords(raw)).toBe(words);
  });

  it('leaves other failures as they are', () => {
    expect(syncErrorWords('hawkBit answered HTTP 401: check the credentials')).toBe(
      'hawkBit answered HTTP 401: check the credentials',
    );
  });
});
