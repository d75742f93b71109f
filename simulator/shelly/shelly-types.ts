/**
 * Per-device fault injection:
 * - `garbage`: HTTP 200 with a body that is not JSON (for /rpc, /rpc/<Method> and /shelly).
 * - `http-500`: HTTP 500 with a plain-text body.
 * - `hang`: accepts the connection and reads the request, never answers.
 * - `refuse`: not listening (TCP connection refused) and not announced over mDNS.
 */
export type ShellyFault = 'garbage' | 'http-500' | 'hang' | 'refuse';

export interface ShellyFleetOptions {
  /** Number of devices. */
  count: number;
  /** Identities (MAC, model, keys) are deterministic from seed + device index. Default 1. */
  seed?: number;
  /** How long a device stays unreachable (TCP refused) after a reboot starts. Default 2000. */
  bootTimeMs?: number;
  /** Delay before rebooting when `Shelly.Reboot` has no `delay_ms`. Default 0. */
  rebootDelayMs?: number;
  /** 0 (default): ephemeral ports; otherwise device i listens on basePort + i. */
  basePort?: number;
  /** Advertise the fleet over mDNS on 127.0.0.1 only. Default true. */
  mdns?: boolean;
  /** Initial faults by device index. */
  faults?: Record<number, ShellyFault>;
}

export interface SimulatedShelly {
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
  /** `rpcRequests` counts every HTTP request to /rpc or /rpc/<Method>, including invalid and faulted ones. */
  readonly counters: { reboots: number; rpcRequests: number };
  /** True while the HTTP server accepts connections: false while rebooting, with `refuse`, after stop. */
  readonly isOnline: boolean;
  /** Whole seconds since the last boot (0 while rebooting). */
  uptimeSeconds(): number;
  /** Takes effect immediately; switching to/from `refuse` stops/starts listening and mDNS. */
  setFault(fault: ShellyFault | null): void;
}

export interface ShellyFleet {
  readonly devices: readonly SimulatedShelly[];
  /** mDNS goodbye for all, closes every server, socket and the mDNS socket. Idempotent. */
  stop(): Promise<void>;
}
