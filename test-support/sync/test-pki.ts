import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import tls, { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and its key, as files (mosquitto) and PEM text (a Node server or client). */
export interface Identity {
  certFile: string;
  keyFile: string;
  certPem: string;
  keyPem: string;
}

/** Where a certificate is valid: for 127.0.0.1 and localhost unless told otherwise. */
export interface IssueOptions {
  /** Subject common name (default `127.0.0.1`). */
  cn?: string;
  /** The `subjectAltName` extension value (default `IP:127.0.0.1,DNS:localhost`, what tests connect to). */
  san?: string;
  /** Valid 2020-01-01 to 2020-01-02 instead of from now for two days. */
  expired?: boolean;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const LOCAL_SAN = 'IP:127.0.0.1,DNS:localhost';
const DAYS = ['-days', '2'];

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

/**
 * Throw-away certificates minted with the openssl CLI (P-256 keys: fast) in a temporary directory of their own.
 * Every file is world-readable: mosquitto started as root drops to its own user, which must read the keys, and
 * this is test-only material. A client certificate is `issue(name, ca, { cn })`: the CA signs any subject.
 */
export class TestPki {
  readonly dir = mkdtempSync(join(tmpdir(), 'fieldbatch-pki-'));

  constructor() {
    chmodSync(this.dir, 0o755);
  }

  /** A self-signed CA certificate with `cn` as its subject; sign with it through `issue`. */
  ca(name: string, cn = name): Identity {
    this.openssl(
      'req',
      '-x509',
      ...EC_KEY,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      ...DAYS,
      '-subj',
      `/CN=${cn}`,
    );
    return this.read(name);
  }

  /** A certificate signed by `ca` (from `ca()`), see `IssueOptions`. */
  issue(
    name: string,
    ca: string,
    { cn = '127.0.0.1', san = LOCAL_SAN, expired = false }: IssueOptions = {},
  ): Identity {
    this.openssl('req', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    this.write(`${name}.ext`, `subjectAltName=${san}\n`);
    const common = ['-in', `${name}.csr`, '-out', `${name}.crt`, '-extfile', `${name}.ext`];
    if (!expired) {
      this.openssl(
        'x509',
        '-req',
        ...common,
        '-CA',
        `${ca}.crt`,
        '-CAkey',
        `${ca}.key`,
        '-CAcreateserial',
        ...DAYS,
      );
      return this.read(name);
    }
    // OpenSSL 3.0's `x509 -req` only takes `-days`, which cannot go negative: `openssl ca` takes both dates.
    if (!existsSync(join(this.dir, 'ca.cnf'))) {
      this.write('ca.cnf', CA_CONFIG);
      this.write('index.txt', '');
      this.write('serial', '01\n');
    }
    this.openssl(
      'ca',
      '-batch',
      '-notext',
      '-config',
      'ca.cnf',
      '-cert',
      `${ca}.crt`,
      '-keyfile',
      `${ca}.key`,
      ...common,
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200102000000Z',
    );
    return this.read(name);
  }

  /** A certificate signed by its own key, for `cn` with `san`. */
  selfSigned(
    name: string,
    { cn = '127.0.0.1', san = LOCAL_SAN }: Omit<IssueOptions, 'expired'> = {},
  ): Identity {
    this.openssl(
      'req',
      '-x509',
      ...EC_KEY,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      ...DAYS,
      '-subj',
      `/CN=${cn}`,
      '-addext',
      `subjectAltName=${san}`,
    );
    return this.read(name);
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private openssl(...args: string[]): void {
    execFileSync('openssl', args, { cwd: this.dir, stdio: 'pipe' });
  }

  private write(file: string, text: string): void {
    writeFileSync(join(this.dir, file), text);
  }

  private read(name: string): Identity {
    const certFile = join(this.dir, `${name}.crt`);
    const keyFile = join(this.dir, `${name}.key`);
    chmodSync(keyFile, 0o644);
    return {
      certFile,
      keyFile,
      certPem: readFileSync(certFile, 'utf8'),
      keyPem: readFileSync(keyFile, 'utf8'),
    };
  }
}

/** A CA and a server certificate it signed for 127.0.0.1/localhost; `caFile`/`caPem` are the CA's. */
export interface TestCertificates extends Identity {
  caFile: string;
  caPem: string;
  cleanup(): void;
}

export function mintTestCertificates(): TestCertificates {
  const pki = new TestPki();
  const ca = pki.ca('ca', 'Fieldbatch Test CA');
  const server = pki.issue('server', 'ca');
  return { ...server, caFile: ca.certFile, caPem: ca.certPem, cleanup: () => pki.cleanup() };
}

/**
 * The G12 negative cases (RELIABILITY-SECURITY.md). The client trusts `caPem` only; `good` passes, every other
 * identity must be refused:
 * - `selfSigned`: signed by its own key, for 127.0.0.1;
 * - `wrongHost`: signed by the trusted CA, but for broker.elsewhere.example (no 127.0.0.1 in its SAN);
 * - `expired`: signed by the trusted CA, for 127.0.0.1, valid 2020-01-01 to 2020-01-02;
 * - `otherCa`: for 127.0.0.1, signed by a CA the client does not know.
 */
export interface TlsCases {
  caPem: string;
  good: Identity;
  selfSigned: Identity;
  wrongHost: Identity;
  expired: Identity;
  otherCa: Identity;
  cleanup(): void;
}

export function mintTlsCases(): TlsCases {
  const pki = new TestPki();
  const trusted = pki.ca('trusted-ca');
  pki.ca('other-ca');
  const elsewhere = 'broker.elsewhere.example';
  return {
    caPem: trusted.certPem,
    good: pki.issue('good', 'trusted-ca'),
    selfSigned: pki.selfSigned('self-signed'),
    wrongHost: pki.issue('wrong-host', 'trusted-ca', { cn: elsewhere, san: `DNS:${elsewhere}` }),
    expired: pki.issue('expired', 'trusted-ca', { expired: true }),
    otherCa: pki.issue('foreign', 'other-ca'),
    cleanup: () => pki.cleanup(),
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
