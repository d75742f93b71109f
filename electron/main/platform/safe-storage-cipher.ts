import { safeStorage } from 'electron';
import type { SecretCipher } from '../../core/secrets/secret-store';

/**
 * Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet). On Linux without a secret service it falls back
 * to a hard-coded key ("basic_text"), which is no protection: refuse to pretend and say so in the description.
 */
export function createSafeStorageCipher(): SecretCipher {
  if (!safeStorage.isEncryptionAvailable())
    throw new Error('safeStorage encryption is not available on this system');
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  return {
    description:
      backend === 'basic_text' ? 'safeStorage WITHOUT a secret service (weak)' : `safeStorage (${backend})`,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (stored) => safeStorage.decryptString(stored),
  };
}
