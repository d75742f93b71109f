import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { SecretCipher } from './secret-store';

/**
 * AES-256-GCM with a random 32-byte key kept in a file of mode 0600 (created on first use). Protects secrets
 * at rest from casual reading and from copies of the database, not from someone who can read the key file:
 * the headless host prints that warning at start-up.
 */
export class KeyFileCipher implements SecretCipher {
  readonly description: string;
  private readonly key: Buffer;

  constructor(keyFile: string) {
    if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
    if ((statSync(keyFile).mode & 0o077) !== 0) chmodSync(keyFile, 0o600);
    this.key = readFileSync(keyFile);
    if (this.key.length !== 32) throw new Error(`secret key file ${keyFile} is damaged (expected 32 bytes)`);
    this.description = `AES-256-GCM, key file ${keyFile} (mode 0600)`;
  }

  encrypt(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(stored: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, stored.subarray(0, 12));
    decipher.setAuthTag(stored.subarray(12, 28));
    return Buffer.concat([decipher.update(stored.subarray(28)), decipher.final()]).toString('utf8');
  }
}
