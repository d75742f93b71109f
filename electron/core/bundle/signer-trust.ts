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
  constructor(
    private readonly settings: Pick<SettingsRepository, 'read' | 'write'>,
    /** This install's own signing key: a bundle it signed is its own work, not a signer to pin. */
    private readonly ownFingerprint: () => Promise<string>,
  ) {}

  async status(fingerprint: string): Promise<SignerStatus> {
    if (fingerprint === (await this.ownFingerprint())) return 'own';
    const pins = this.pins();
    if (pins.some((p) => p.fingerprint === fingerprint)) return 'pinned';
    return pins.length === 0 ? 'first-use' : 'unknown';
  }

  /** The signer's status; throws `untrusted-signer` for a key other than ours and the pinned ones, unless `trustAnyway`. */
  async check(fingerprint: string, trustAnyway: boolean): Promise<SignerStatus> {
    const status = await this.status(fingerprint);
    if (status !== 'unknown' || trustAnyway) return status;
    throw new BundleError(
      'untrusted-signer',
      `the bundle is signed by a key this app does not know (${fingerprint}); compare it with the office and choose to trust it`,
      { fingerprint },
    );
  }

  /** Pins a foreign signer (the caller does not pin its own key: `check` said `own`). */
  pin(fingerprint: string, at: number): void {
    if (this.pins().some((p) => p.fingerprint === fingerprint)) return;
    this.settings.write(SETTING, [...this.pins(), { fingerprint, pinnedAt: at }]);
  }

  private pins(): Pin[] {
    return this.settings.read(SETTING, [], parsePins);
  }
}
