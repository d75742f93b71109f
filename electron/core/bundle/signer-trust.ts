import type { SignerStatus } from '../../../shared/domain/bundle';
import type { SettingsRepository } from '../storage/repositories/settings-repository';
import { BundleError } from './bundle-errors';

const SETTING = 'bundle.trustedSigners';

interface Pin {
  fingerprint: string;
  pinnedAt: number;
}

function parsePins(value: unknown): Pin[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter((p): p is Pin => typeof p?.fingerprint === 'string' && typeof p?.pinnedAt === 'number');
}

/**
 * Which bundle signers this install trusts, pinned in settings by fingerprint. The first signer is trusted on
 * first use (the technician compares the fingerprint the preview shows with the office's); after that a bundle
 * signed by any other key is refused unless the technician chooses to trust it too.
 */
export class SignerTrust {
  constructor(private readonly settings: Pick<SettingsRepository, 'read' | 'write'>) {}

  status(fingerprint: string): SignerStatus {
    const pins = this.pins();
    if (pins.some((p) => p.fingerprint === fingerprint)) return 'pinned';
    return pins.length === 0 ? 'first-use' : 'unknown';
  }

  /** Throws `untrusted-signer` for a key other than the pinned ones, unless `trustAnyway`. */
  check(fingerprint: string, trustAnyway: boolean): void {
    if (this.status(fingerprint) !== 'unknown' || trustAnyway) return;
    throw new BundleError(
      'untrusted-signer',
      `the bundle is signed by a key this app does not know (${fingerprint}); compare it with the office and choose to trust it`,
      { fingerprint },
    );
  }

  pin(fingerprint: string, at: number): void {
    if (this.status(fingerprint) === 'pinned') return;
    this.settings.write(SETTING, [...this.pins(), { fingerprint, pinnedAt: at }]);
  }

  private pins(): Pin[] {
    return this.settings.read(SETTING, [], parsePins);
  }
}
