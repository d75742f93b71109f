import { execFileSync } from 'node:child_process';
import tls, { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A server certificate and its key, as files (mosquitto) and PEM text (a Node server). */
export interface ServerIdentity {
  certFile: string;
  keyFile: string;
  certPem: string;
  keyPem: string;
}

/**
 * The G12 negative cases (RELIABILITY-SECURITY.md), minted with the openssl CLI at test time. The client trusts
 * `caPem` only; `good` passes, every other identity must be refused:
 * - `selfSigned`: signed by its own key, for 127.0.0.1;
 * - `wrongHost`: signed by the trusted CA, but for broker.elsewhere.example (no 127.0.0.1 in its SAN);
 * - `expired`: signed by the trusted CA, for 127.0.0.1, valid 2020-01-01 to 2020-01-02 (`openssl ca
 *   -startdate/-enddate`: OpenSSL 3.0's `x509 -req` only takes `-days`, which cannot go negative);
 * - `otherCa`: for 127.0.0.1, signed by a CA the client does not know.
 */
export interface TlsCases {
  caPem: string;
  good: ServerIdentity;
  selfSigned: ServerIdentity;
  wrongHost: ServerIdentity;
  expired: ServerIdentity;
  otherCa: ServerIdentity;
  cleanup(): void;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const LOCAL_SAN = 'subjectAltName=IP:127.0.0.1,DNS:localhost';

/** A minimal `openssl ca` setup: any subject, extensions from `-extfile`. */
const CA_CONFIG = `[ca]
default_ca = test
[test]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
`;

export function mintTlsCases(): TlsCases {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbatch-tls-cases-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const makeCa = (name: string) =>
    openssl(
      'req',
      '-x509',
      ...EC_KEY,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
    );
  const request = (name: string, cn: string) =>
    openssl('req', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
  const sign = (name: string, ca: string, san: string) => {
    writeFileSync(join(dir, `${name}.ext`), `${san}\n`);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.pem`,
      '-CAkey',
      `${ca}.key`,
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
    );
  };
  makeCa('trusted-ca');
  makeCa('other-ca');
  request('good', '127.0.0.1');
  sign('good', 'trusted-ca', LOCAL_SAN);
  request('wrong-host', 'broker.elsewhere.example');
  sign('wrong-host', 'trusted-ca', 'subjectAltName=DNS:broker.elsewhere.example');
  request('foreign', '127.0.0.1');
  sign('foreign', 'other-ca', LOCAL_SAN);
  openssl(
    'req',
    '-x509',
    ...EC_KEY,
    '-keyout',
    'self-signed.key',
    '-out',
    'self-signed.crt',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    LOCAL_SAN,
  );
  request('expired', '127.0.0.1');
  writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(join(dir, 'expired.ext'), `${LOCAL_SAN}\n`);
  openssl(
    'ca',
    '-batch',
    '-notext',
    '-config',
    'ca.cnf',
    '-cert',
    'trusted-ca.pem',
    '-keyfile',
    'trusted-ca.key',
    '-in',
    'expired.csr',
    '-out',
    'expired.crt',
    '-startdate',
    '20200101000000Z',
    '-enddate',
    '20200102000000Z',
    '-extfile',
    'expired.ext',
  );
  // mosquitto started as root drops to its own user, which must read the keys: test-only material.
  chmodSync(dir, 0o755);
  for (const file of readdirSync(dir)) chmodSync(join(dir, file), 0o644);
  const identity = (name: string): ServerIdentity => ({
    certFile: join(dir, `${name}.crt`),
    keyFile: join(dir, `${name}.key`),
    certPem: readFileSync(join(dir, `${name}.crt`), 'utf8'),
    keyPem: readFileSync(join(dir, `${name}.key`), 'utf8'),
  });
  return {
    caPem: readFileSync(join(dir, 'trusted-ca.pem'), 'utf8'),
    good: identity('good'),
    selfSigned: identity('self-signed'),
    wrongHost: identity('wrong-host'),
    expired: identity('expired'),
    otherCa: identity('foreign'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A server that speaks TLS 1.0 and nothing newer (OpenSSL 3 refuses TLS 1.0's SHA-1 handshake signatures at
 * security level 1 and above, hence `@SECLEVEL=0`). Spread into `https.createServer` / `tls.createServer`.
 */
export const TLS_1_0_ONLY = {
  minVersion: 'TLSv1',
  maxVersion: 'TLSv1',
  ciphers: 'DEFAULT@SECLEVEL=0',
} as const;

/**
 * Whether a TLS handshake with the server at `url` completes for a client that checks nothing: proves a
 * negative case's server is up and really serves that certificate or TLS version.
 */
export function handshakes(url: string, options: ConnectionOptions = {}): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: hostname, port: Number(port), rejectUnauthorized: false, ...options });
    socket.once('secureConnect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Runs `fn` with this process's TLS defaults lowered to accept TLS 1.0 (as `node --tls-min-v1.0` would, with
 * OpenSSL security level 0). A client that left its version floor to the defaults would then talk to a
 * TLS 1.0 server, so a refusal inside proves the client sets `minVersion` itself. Restored afterwards.
 */
export async function withLaxTlsDefaults<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { min: tls.DEFAULT_MIN_VERSION, ciphers: tls.DEFAULT_CIPHERS };
  tls.DEFAULT_MIN_VERSION = 'TLSv1';
  tls.DEFAULT_CIPHERS = 'DEFAULT@SECLEVEL=0';
  try {
    return await fn();
  } finally {
    tls.DEFAULT_MIN_VERSION = saved.min;
    tls.DEFAULT_CIPHERS = saved.ciphers;
  }
}
