import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A CA and a server certificate it signed for 127.0.0.1, minted with openssl at test time. */
export interface TestCertificates {
  dir: string;
  /** Files, for a mosquitto listener (`cafile`, `certfile`, `keyfile`). */
  caFile: string;
  certFile: string;
  keyFile: string;
  /** PEM of the CA, for the client. */
  caPem: string;
  cleanup(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

/**
 * `commonName` names the CA, so two calls give two CAs that do not trust each other; `subjectAltName` is the
 * server certificate's (default `IP:127.0.0.1`, the address tests connect to).
 */
export function mintCertificates(
  commonName = 'Fieldbatch test CA',
  subjectAltName = 'IP:127.0.0.1',
): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbatch-certs-'));
  const days = ['-days', '2'];
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      ...days,
      '-subj',
      `/CN=${commonName}`,
    ],
    dir,
  );
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=127.0.0.1',
    ],
    dir,
  );
  writeFileSync(join(dir, 'san.ext'), `subjectAltName=${subjectAltName}\n`);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      ...days,
      '-extfile',
      'san.ext',
    ],
    dir,
  );
  // mosquitto started as root drops to its own user, which must read the key: test-only material.
  chmodSync(dir, 0o755);
  chmodSync(join(dir, 'server.key'), 0o644);
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    certFile: join(dir, 'server.pem'),
    keyFile: join(dir, 'server.key'),
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
