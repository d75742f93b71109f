import { describe, expect, it } from 'vitest';
import { brokerHost, splitBrokerUrl } from './broker-url';

describe('broker URLs', () => {
  it.each([
    ['mqtt://192.0.2.5:1883', { url: 'mqtt://192.0.2.5:1883', username: null, password: null }],
    [
      'mqtt://tech:s3cret@192.0.2.5:1883',
      { url: 'mqtt://192.0.2.5:1883', username: 'tech', password: 's3cret' },
    ],
    ['mqtts://tech@broker.site', { url: 'mqtts://broker.site', username: 'tech', password: null }],
    ['ws://:pw@broker.site/mqtt', { url: 'ws://broker.site/mqtt', username: null, password: 'pw' }],
    // The last @ ends the user info; percent-escapes are decoded; a : after the first belongs to the password.
    ['mqtt://a%40b:p@ss:x@h:1883/', { url: 'mqtt://h:1883/', username: 'a@b', password: 'p@ss:x' }],
    ['wss://h/mqtt?x=a@b', { url: 'wss://h/mqtt?x=a@b', username: null, password: null }],
  ])('%s', (url, split) => {
    expect(splitBrokerUrl(url)).toEqual(split);
  });

  it('names the host and port without credentials or path', () => {
    expect(brokerHost('mqtt://tech:s3cret@192.0.2.5:1883')).toBe('192.0.2.5:1883');
    expect(brokerHost('wss://broker.site/mqtt')).toBe('broker.site');
  });
});
