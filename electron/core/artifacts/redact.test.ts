import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('removes values under secret-looking keys and known secrets anywhere, keeping the rest', () => {
    const snapshot = {
      mqtt: { server: 'broker:1883', user: 'plug', pass: 'hunter2' },
      wifi: { sta: { ssid: 'site', psk: 'wifi-secret', enable: true } },
      auth: { ha1: 'abc', auth_en: true },
      StatusMQT: { MqttPassword: 'x', MqttUser: 'u' },
      note: 'logged in with canary-123 yesterday',
      list: ['canary-123', 1, null],
      emptyPass: '',
    };
    expect(redactSecrets(snapshot, ['canary-123'])).toEqual({
      mqtt: { server: 'broker:1883', user: 'plug', pass: REDACTED },
      wifi: { sta: { ssid: 'site', psk: REDACTED, enable: true } },
      auth: { ha1: REDACTED, auth_en: true },
      StatusMQT: { MqttPassword: REDACTED, MqttUser: 'u' },
      note: `logged in with ${REDACTED} yesterday`,
      list: [REDACTED, 1, null],
      emptyPass: '',
    });
  });
});
