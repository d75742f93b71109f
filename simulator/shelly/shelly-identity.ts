import { hashInts, permute24, seededRandom } from '../util/seeded-random';
import { SHELLY_MODELS, type ShellyModel } from './shelly-models';

/** The immutable identity of one simulated device, derived only from (seed, index). */
export interface ShellyIdentity {
  readonly index: number;
  readonly model: ShellyModel;
  /** 12 uppercase hex digits, no separators. */
  readonly mac: string;
  /** `<namePrefix lowercase>-<mac lowercase>`, e.g. `shellyplus1pm-a8032ab12345`. */
  readonly id: string;
  /** `<namePrefix>-<MAC>`, the `_http._tcp` instance name and host label. */
  readonly instanceName: string;
  /** GetDeviceInfo `key`/`batch`/`fw_sbits` (only returned with `ident: true`). */
  readonly key: string;
  readonly batch: string;
  readonly fwSbits: string;
  /** Seed for per-device figures such as free RAM. */
  readonly randomSeed: number;
}

/**
 * Derives a device identity. The model rotates through the catalogue (offset by the seed) so even a
 * small fleet covers every generation (unless `pinned`); the MAC suffix is a permutation of (seed, index), so MACs are
 * unique within a fleet.
 */
export function shellyIdentity(seed: number, index: number, pinned?: ShellyModel): ShellyIdentity {
  const seedHash = hashInts(seed);
  const model = pinned ?? SHELLY_MODELS[(seedHash + index) % SHELLY_MODELS.length];
  const deviceHash = hashInts(seed, index);
  const oui = model.ouis[deviceHash % model.ouis.length];
  const suffix = permute24(seedHash + index);
  const mac = (oui + suffix.toString(16).padStart(6, '0')).toUpperCase();
  const random = seededRandom(deviceHash);
  const hex = (length: number): string =>
    Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const instanceName = `${model.namePrefix}-${mac}`;
  return {
    index,
    model,
    mac,
    id: model.quirks?.isIdMixedCase ? instanceName : instanceName.toLowerCase(),
    instanceName,
    key: hex(32),
    batch: `24${String(10 + Math.floor(random() * 40)).padStart(2, '0')}-Broadwell`,
    fwSbits: '00',
    randomSeed: deviceHash,
  };
}
