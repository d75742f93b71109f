import { sysConfig } from '../shelly-config';
import { sysStatus } from '../shelly-status';
import type { RpcMethodTable } from './rpc-router';
import type { ShellyRpcDevice } from './shelly-rpc-device';

/** `Sys.*` methods (PROTOCOLS.md §1.4). */
export const sysMethods: RpcMethodTable<ShellyRpcDevice> = {
  'Sys.GetStatus': ({ device }) => sysStatus(device.state),
  'Sys.GetConfig': ({ device }) => sysConfig(device.state),
};
