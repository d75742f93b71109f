import { hashInts, permute24 } from '../util/seeded-random';
import { TASMOTA_MODELS, type TasmotaModel } from './tasmota-models';

/** The immutable identity of one simulated Tasmota device, derived only from (seed, index). */
export interface TasmotaIdentity {
  readonly index: number;
  readonly model: TasmotaModel;
  /** 12 uppercase hex digits (discovery `mac`, `NetworkUniqueId`). */
  readonly mac: string;
  /** Last 6 hex digits of the MAC: the `XXXXXX` of `tasmota_XXXXXX` / `DVES_XXXXXX`. */
  readonly suffix: string;
  /** Default `Topic`. */
  readonly topic: string;
  /** Default `Hostname` (`tasmota-XXXXXX-NNNN`). */
  readonly hostname: string;
  /** MQTT client id `DVES_XXXXXX`. */
  readonly clientId: string;
  /** `DVES_XXXXXX_fb`. */
  readonly fallbackTopic: string;
  readonly randomSeed: number;
}

export function tasmotaIdentity(seed: number, index: number): TasmotaIdentity {
  const seedHash = hashInts(seed, 0x7a5);
  const model = TASMOTA_MODELS[(seedHash + index) % TASMOTA_MODELS.length];
  const deviceHash = hashInts(seed, index, 0x7a5);
  const oui = model.ouis[deviceHash % model.ouis.length];
  const suffix = permute24(seedHash + index)
    .toString(16)
    .padStart(6, '0')
    .toUpperCase();
  const mac = `${oui}${suffix}`;
  const chipNumber = String((deviceHash >>> 8) % 10_000).padStart(4, '0');
  return {
    index,
    model,
    mac,
    suffix,
    topic: `tasmota_${suffix}`,
    hostname: `tasmota-${suffix}-${chipNumber}`,
    clientId: `DVES_${suffix}`,
    fallbackTopic: `DVES_${suffix}_fb`,
    randomSeed: deviceHash,
  };
}

/** `AA:BB:CC:DD:EE:FF` (StatusNET.Mac). */
export function colonMac(mac: string): string {
  return mac.match(/../g)!.join(':');
}
