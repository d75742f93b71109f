import { describe, expect, it } from 'vitest';
import { tlsFailureWords } from './tls-failure';

const error = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('tlsFailureWords', () => {
  it('words the certificate verdicts Node reports', () => {
    expect(tlsFailureWords(error('CERT_HAS_EXPIRED'))).toBe('the server certificate expired');
    expect(tlsFailureWords(error('ERR_TLS_CERT_ALTNAME_INVALID'))).toBe(
      'the server certificate is for another host',
    );
    expect(tlsFailureWords(error('DEPTH_ZERO_SELF_SIGNED_CERT'))).toMatch(/self-signed/);
    expect(tlsFailureWords(error('UNABLE_TO_VERIFY_LEAF_SIGNATURE'))).toMatch(
      /not signed by the configured CA/,
    );
  });

  it('reads the OpenSSL reason of an EPROTO (an alert met while the request was written)', () => {
    const eproto = error(
      'EPROTO',
      'write EPROTO 80:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:rec_layer_s3.c:1601:',
    );
    expect(tlsFailureWords(eproto)).toBe('the server only offers TLS older than 1.2');
    expect(tlsFailureWords(error('ERR_SSL_WRONG_VERSION_NUMBER'))).toBe(
      'the server does not speak TLS on this port',
    );
    expect(tlsFailureWords(error('ERR_SSL_SOMETHING_NEW'))).toBe(
      'the TLS handshake failed (ERR_SSL_SOMETHING_NEW)',
    );
  });

  it('leaves errors that are no TLS verdict to be retried', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPROTO'])
      expect(tlsFailureWords(error(code))).toBeNull();
    expect(tlsFailureWords(new Error('no code'))).toBeNull();
    expect(tlsFailureWords(Object.assign(new Error('CONNACK'), { code: 5 }))).toBeNull();
  });
});
