import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test-support/core/temp-dir';
import { FileSecretStore } from './file-secret-store';
import { KeyFileCipher } from './key-file-cipher';

describe('FileSecretStore with KeyFileCipher', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());

  it('round-trips secrets, never stores them in clear, and keeps the key file private', async () => {
    const keyFile = join(dir.path, 'secrets.key');
    const store = new FileSecretStore(join(dir.path, 'secrets.json'), new KeyFileCipher(keyFile));
    await store.set('broker:brk_1', 'canary-Pa55w0rd!');
    expect(await store.get('broker:brk_1')).toBe('canary-Pa55w0rd!');
    expect(readFileSync(join(dir.path, 'secrets.json'), 'utf8')).not.toContain('canary-Pa55w0rd!');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const reopened = new FileSecretStore(join(dir.path, 'secrets.json'), new KeyFileCipher(keyFile));
    expect(await reopened.get('broker:brk_1')).toBe('canary-Pa55w0rd!');
    await reopened.delete('broker:brk_1');
    expect(await reopened.get('broker:brk_1')).toBeNull();
  });

  it('refuses ciphertext that was tampered with', async () => {
    const store = new FileSecretStore(join(dir.path, 't.json'), new KeyFileCipher(join(dir.path, 't.key')));
    await store.set('k', 'value');
    const file = join(dir.path, 't.json');
    const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const bytes = Buffer.from(all.k!, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    writeFileSync(file, JSON.stringify({ k: bytes.toString('base64') }));
    await expect(store.get('k')).rejects.toThrow();
  });
});
