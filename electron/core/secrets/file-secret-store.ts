import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretCipher, SecretStore } from './secret-store';

/**
 * Secrets in one file: a JSON map of key → base64 ciphertext, each value encrypted by the cipher on its own.
 * Written to a temporary file then renamed, so a crash never leaves half a file.
 */
export class FileSecretStore implements SecretStore {
  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  async get(key: string): Promise<string | null> {
    const stored = this.read()[key];
    return stored === undefined ? null : this.cipher.decrypt(Buffer.from(stored, 'base64'));
  }

  async set(key: string, value: string): Promise<void> {
    this.write({ ...this.read(), [key]: this.cipher.encrypt(value).toString('base64') });
  }

  async delete(key: string): Promise<void> {
    const all = this.read();
    if (!(key in all)) return;
    delete all[key];
    this.write(all);
  }

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
  }

  private write(all: Record<string, string>): void {
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
