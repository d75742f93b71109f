import type { DeviceCounters } from '../control/device-counters';
import type { DeviceSnapshot } from '../control/device-snapshot';
import type { Fault, FaultInput, LegacyShellyFault } from '../faults/fault-types';
import type { NonceRules } from './auth/nonce-book';
import type { AuthStyle } from './auth/shelly-auth';
import type { UpdateChannels } from './rpc/shelly-rpc-device';

/**
 * The four faults of the first version, still accepted by `setFault` and `faults` (see
 * faults/fault-types.ts for the full model): `garbage` (HTTP 200, not JSON), `http-500` (text 500),
 * `hang` (reads the request, never answers), `refuse` (not listening, not announced).
 */
export type ShellyFault = LegacyShellyFault;

export interface ShellyAuthOptions {
  /** Turns digest auth on at start with this password (user `admin`, realm = device id). */
  password: string;
  /** `legacy` (numeric nonce), `fw2` (firmware 2.0 nonce rules) or `mixed` (even index legacy, odd fw2). */
  style?: AuthStyle | 'mixed';
}

export interface ShellyFleetOptions {
  /** Number of devices. */
  count: number;
  /** Identities (MAC, model, keys), nonces and random fault decisions derive from seed + index. Default 1. */
  seed?: number;
  /** How long a device stays unreachable (TCP refused) after a reboot starts. Default 2000. */
  bootTimeMs?: number;
  /** Delay before rebooting when `Shelly.Reboot` has no `delay_ms`. Default 0. */
  rebootDelayMs?: number;
  /** 0 (default): ephemeral ports; otherwise device i listens on basePort + i. */
  basePort?: number;
  /** Advertise the fleet over mDNS on 127.0.0.1 only. Default true. */
  mdns?: boolean;
  /** Initial faults by device index: a legacy name, a Fault or a list of Faults. */
  faults?: Record<number, FaultInput>;
  /** Digest auth for every device from the start; default off (a client can still call Shelly.SetAuth). */
  auth?: ShellyAuthOptions;
  /**
   * Per device (by index) the catalogue model to use, by its `app` (e.g. `{ 0: 'WallDisplay' }`); the others
   * rotate through the catalogue. An unknown app is a RangeError.
   */
  models?: Record<number, string>;
  /** Per device (by index) auth style used once auth is on, overriding `auth.style`. Default legacy. */
  authStyles?: Record<number, AuthStyle>;
  /** Firmware 2.0 nonce rules (lifetime 1 h, 32 slots, 2 s throttle by default). */
  nonceRules?: Partial<NonceRules>;
  /** What `Shelly.CheckForUpdate` / `Shelly.Update {stage}` offer, per model SKU. Default: nothing. */
  updates?: (model: string) => UpdateChannels | undefined;
  /** Give up an OTA download after this long. Default 60 s. */
  downloadTimeoutMs?: number;
}

export interface ShellyCounters extends DeviceCounters {
  /** Every HTTP request to /rpc or /rpc/<Method>, including invalid and faulted ones (not WebSocket). */
  rpcRequests: number;
}

export interface SimulatedShelly {
  readonly family: 'shelly';
  /** Position in the fleet (`s<index>` in fault specs). */
  readonly index: number;
  readonly id: string;
  readonly mac: string;
  readonly model: string;
  readonly app: string;
  readonly gen: number;
  readonly ver: string;
  readonly fwId: string;
  /** Always '127.0.0.1'. */
  readonly host: string;
  /** The HTTP port; it stays the same across reboots and `refuse` faults. */
  readonly port: number;
  readonly counters: ShellyCounters;
  /** True while the HTTP server accepts connections: false while rebooting, dark by a fault, after stop. */
  readonly isOnline: boolean;
  /** The active faults. */
  readonly faults: readonly Fault[];
  /** Whole seconds since the last boot (0 while rebooting). */
  uptimeSeconds(): number;
  /** Replaces every fault; takes effect immediately (`refuse`/`offline` stop listening and mDNS at once). */
  setFault(fault: FaultInput): void;
  /** Firmware, config and counters as plain data (what the control endpoint serves). */
  snapshot(): DeviceSnapshot;
}

export interface ShellyFleet {
  readonly devices: readonly SimulatedShelly[];
  /** mDNS goodbye for all, closes every server, socket and the mDNS socket. Idempotent. */
  stop(): Promise<void>;
}
