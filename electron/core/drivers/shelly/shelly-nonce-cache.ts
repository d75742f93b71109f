import type { DigestChallenge } from './shelly-digest';

export type AuthForm = 'json' | 'header';

/** A nonce granted to one request, with the `nc` it must send. */
export interface NonceGrant {
  challenge: DigestChallenge;
  form: AuthForm;
  nc: number;
}

interface Entry {
  challenge: DigestChallenge;
  form: AuthForm;
  nextNc: number;
}

/**
 * The nonce each device channel last accepted, reused with an increasing `nc` so that a login costs one
 * round trip once (firmware 2.0 tracks `nc` per nonce from 1 and keeps only 32 nonces, §1.6). `lease` hands
 * out the next `nc` synchronously, so concurrent calls never share one.
 */
export class NonceCache {
  private readonly entries = new Map<string, Entry>();

  /** The cached nonce for `key` with its next `nc`, or null. */
  lease(key: string): NonceGrant | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    return { challenge: entry.challenge, form: entry.form, nc: entry.nextNc++ };
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Records a nonce the device just accepted with `nc` = `usedNc`. */
  publish(key: string, grant: NonceGrant): void {
    const current = this.entries.get(key);
    if (current && current.challenge.nonce === grant.challenge.nonce) {
      current.nextNc = Math.max(current.nextNc, grant.nc + 1);
      return;
    }
    this.entries.set(key, { challenge: grant.challenge, form: grant.form, nextNc: grant.nc + 1 });
  }

  /** Forgets `nonce` for `key` (only that one: a newer nonce published meanwhile stays). */
  drop(key: string, nonce: string | number): void {
    if (this.entries.get(key)?.challenge.nonce === nonce) this.entries.delete(key);
  }

  /** Forgets every nonce of keys that start with `prefix` (one device). */
  forget(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
