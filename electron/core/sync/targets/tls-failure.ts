/**
 * Node's certificate verdicts (the `code` of a TLS socket error: OpenSSL's X509 verify results, listed in the
 * Node docs, tls.md "X509 certificate error codes"), in words a technician can act on.
 */
const CERTIFICATE_WORDS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'the server certificate expired',
  CERT_NOT_YET_VALID: "the server certificate is not valid yet (check this computer's clock)",
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed, not signed by the configured CA',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate comes from another CA than the configured one',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not signed by the configured CA',
  UNABLE_TO_GET_ISSUER_CERT: 'the server certificate is not signed by the configured CA',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the server certificate is not signed by the configured CA',
  CERT_SIGNATURE_FAILURE: 'the server certificate has a bad signature',
  CERT_REVOKED: 'the server certificate was revoked',
  // tls.checkServerIdentity: no subjectAltName matches the host dialled (RFC 6125 §6.4: DNS-IDs first, the CN
  // only without any; an IP address must be an iPAddress SAN, RFC 2818 §3.1).
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is for another host',
};

/** OpenSSL refusals of the handshake itself (`ERR_SSL_<reason>`), by what they usually mean on a sync link. */
const HANDSHAKE_WORDS: readonly (readonly [RegExp, string])[] = [
  [
    /UNSUPPORTED_PROTOCOL|PROTOCOL_VERSION|NO_PROTOCOLS_AVAILABLE|VERSION_TOO_LOW/,
    'the server only offers TLS older than 1.2',
  ],
  [/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG/, 'the server does not speak TLS on this port'],
  [/CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA/, 'the server refused our client certificate'],
];

/**
 * Why a TLS connection failed, in plain words, or null when the error is no TLS verdict (refused, reset,
 * timed out: trying again may help). A verdict is final until the settings (or the server) change.
 */
export function tlsFailureWords(error: unknown): string | null {
  const code = codeOf(error);
  if (code === null) return null;
  const words = CERTIFICATE_WORDS[code];
  if (words !== undefined) return words;
  const handshake = HANDSHAKE_WORDS.find(([pattern]) => pattern.test(code));
  if (handshake) return handshake[1];
  if (/^ERR_SSL_|^ERR_TLS_|CERT/.test(code)) return `the TLS handshake failed (${code})`;
  return null;
}

/**
 * The error's code; for `EPROTO` (an OpenSSL alert met while writing, e.g. an https request sent before the
 * handshake ended) the OpenSSL reason in the message as Node spells it in codes (`ERR_SSL_<REASON>`).
 */
function codeOf(error: unknown): string | null {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return null;
  if (code !== 'EPROTO' || typeof message !== 'string') return code;
  const reason = /SSL routines:[^:]*:([^:]+):/.exec(message)?.[1];
  return reason ? `ERR_SSL_${reason.trim().toUpperCase().replace(/\s+/g, '_')}` : code;
}
