import { describe, expect, it } from 'vitest';
import { ENCRYPTED_LINK_HINT, isLoopbackHost, plaintextRefusal } from './sync-transport';

describe('plaintextRefusal (G12: the back-office link is encrypted)', () => {
  it.each([
    'mqtts://broker.example:8883',
    'https://backoffice.example/ingest',
    'mqtt://127.0.0.1:1883',
    'mqtt://127.10.20.30:1883',
    'mqtt://localhost:1883',
    'http://127.0.0.1:8080/ingest',
    'http://LOCALHOST/ingest',
  ])('allows %s', (url) => {
    expect(plaintextRefusal(url)).toBeNull();
  });

  it.each([
    ['mqtt://broker.example:1883', 'Use an encrypted mqtts://host:port URL. Plain mqtt://'],
    ['mqtt://192.0.2.5:1883', 'Use an encrypted mqtts://host:port URL. Plain mqtt://'],
    ['http://backoffice.example/ingest', 'Use an encrypted https://host/path URL. Plain http://'],
    // Look-alikes of loopback that would be dialled elsewhere, or not as written.
    ['mqtt://localhost.example.com:1883', 'Plain mqtt://'],
    ['mqtt://127.0.0.1.example.com:1883', 'Plain mqtt://'],
    ['mqtt://128.0.0.1:1883', 'Plain mqtt://'],
    ['mqtt://0.0.0.0:1883', 'Plain mqtt://'],
    ['http://[::ffff:8.8.8.8]/x', 'Plain http://'],
  ])('refuses %s in plain words', (url, words) => {
    const refusal = plaintextRefusal(url);
    expect(Object.values(ENCRYPTED_LINK_HINT)).toContain(refusal);
    expect(refusal).toContain(words);
    expect(refusal).toContain('only to this computer (127.0.0.1).');
  });

  it('names only canonical loopback hosts', () => {
    expect(['127.0.0.1', '127.255.255.254', '::1', '[::1]', 'localhost'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['127.1', '127.0.0.01', '127.0.0.256', '%31%32%37.0.0.1', '::2'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
