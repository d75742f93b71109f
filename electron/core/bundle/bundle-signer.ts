import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { SecretStore } from '../secrets/secret-store';

/** Where this install's signing key lives: the secret store, like every other secret. */
const KEY_SECRET = 'bundle.signing-key';

/**
 * The fingerprint technicians compare: SHA-256 of the public key's DER (SubjectPublicKeyInfo), in groups of
 * four hex digits, as SSH shows keys by hash.
 */
export function fingerprintOf(publicKeyDer: Buffer): string {
  const hex = createHash('sha256').update(publicKeyDer).digest('hex');
  return hex.match(/.{4}/g)!.join(' ');
}

/** Ed25519 (RFC 8032) through node:crypto: signs manifests with this install's key, created on first use. */
export class BundleSigner {
  private key: KeyObject | null = null;

  constructor(private readonly secrets: SecretStore) {}

  async publicKey(): Promise<{ der: Buffer; fingerprint: string }> {
    const der = createPublicKey(await this.privateKey()).export({ type: 'spki', format: 'der' });
    return { der, fingerprint: fingerprintOf(der) };
  }

  async sign(data: Buffer): Promise<Buffer> {
    return sign(null, data, await this.privateKey());
  }

  private async privateKey(): Promise<KeyObject> {
    if (this.key) return this.key;
    const stored = await this.secrets.get(KEY_SECRET);
    if (stored) {
      this.key = createPrivateKey(stored);
    } else {
      const { privateKey } = generateKeyPairSync('ed25519');
      await this.secrets.set(KEY_SECRET, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
      this.key = privateKey;
    }
    return this.key;
  }
}

/** True when `signature` is the Ed25519 signature of `data` by the DER public key; false for any bad input. */
export function verifySignature(publicKeyDer: Buffer, data: Buffer, signature: Buffer): boolean {
  try {
    const key = createPublicKey({ key: publicKeyDer, format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' && verify(null, data, key, signature);
  } catch {
    return false;
  }
}
