import { RpcRouter } from './rpc-router';
import type { ShellyRpcDevice } from './shelly-rpc-device';
import { shellyMethods } from './shelly-methods';
import { switchMethods } from './switch-methods';
import { sysMethods } from './sys-methods';

/** Every RPC method a simulated Shelly answers; later method tables (Update, SetAuth ...) plug in here. */
export function createShellyRouter(): RpcRouter<ShellyRpcDevice> {
  return new RpcRouter<ShellyRpcDevice>(shellyMethods, sysMethods, switchMethods);
}
