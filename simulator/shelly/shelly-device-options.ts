import type { DeviceFaults } from '../faults/device-faults';
import type { ServiceAdvertiser } from '../mdns/mdns-types';
import type { ShellyAuth } from './auth/shelly-auth';
import type { RpcRouter } from './rpc/rpc-router';
import type { ShellyRpcDevice, UpdateChannels } from './rpc/shelly-rpc-device';
import type { ShellyIdentity } from './shelly-identity';
import type { ShellyState } from './shelly-state';

/** Everything one simulated Shelly is built from (shelly-fleet.ts fills it in). */
export interface ShellyDeviceOptions {
  identity: ShellyIdentity;
  /** Port to bind on first start; 0 = ephemeral. Later binds reuse the port actually bound. */
  port: number;
  bootTimeMs: number;
  rebootDelayMs: number;
  faults: DeviceFaults;
  /** Builds the device's digest auth once its state exists. */
  auth: (state: ShellyState) => ShellyAuth;
  router: RpcRouter<ShellyRpcDevice>;
  advertiser: ServiceAdvertiser;
  updates: UpdateChannels;
  downloadTimeoutMs: number;
  /** Called for problems that cannot be thrown to a caller (e.g. the port taken during a reboot). */
  onError: (error: Error) => void;
}
