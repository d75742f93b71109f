/**
 * Where secrets live (broker passwords now, device credentials next). Values never go back to the renderer,
 * into logs, artifacts or exports. Electron: safeStorage; headless: an encrypted file with a 0600 key file.
 */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Turns secret text into stored bytes and back; the two hosts bring different ones. */
export interface SecretCipher {
  /** A short description for logs and warnings, e.g. "AES-256-GCM with key file …". */
  readonly description: string;
  encrypt(plain: string): Buffer;
  decrypt(stored: Buffer): string;
}
