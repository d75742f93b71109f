import { configMethods } from './config-methods';
import { RpcRouter } from './rpc-router';
import type { ShellyRpcDevice } from './shelly-rpc-device';
import { shellyMethods } from './shelly-methods';
import { switchMethods } from './switch-methods';
import { sysMethods } from './sys-methods';
import { updateMethods } from './update-methods';

/** Every RPC method a simulated Shelly answers. */
export function createShellyRouter(): RpcRouter<ShellyRpcDevice> {
  return new RpcRouter<ShellyRpcDevice>(
    shellyMethods,
    sysMethods,
    switchMethods,
    configMethods,
    updateMethods,
  );
}
