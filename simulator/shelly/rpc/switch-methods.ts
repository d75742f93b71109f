import { switchConfig } from '../shelly-config';
import { switchStatus } from '../shelly-status';
import { RPC_CODE, RpcError } from './rpc-error';
import { requiredBoolean, requiredNumber, type RpcParams } from './rpc-params';
import type { RpcMethodTable } from './rpc-router';
import type { ShellyRpcDevice } from './shelly-rpc-device';

/** Resolves `params.id` to an existing switch: `-103 Missing required 'id'` or `-105 Bad id=<n>`. */
export function switchId(device: ShellyRpcDevice, params: RpcParams): number {
  const id = requiredNumber(params, 'id');
  if (!Number.isInteger(id) || id < 0 || id >= device.state.switchOutputs.length) {
    throw new RpcError(RPC_CODE.notFound, `Bad id=${id}`);
  }
  return id;
}

/** `Switch.*` methods, for realism and for exercising -103/-105 in drivers. */
export const switchMethods: RpcMethodTable<ShellyRpcDevice> = {
  'Switch.GetStatus': ({ device, params }) => switchStatus(device.state, switchId(device, params)),
  'Switch.GetConfig': ({ device, params }) => switchConfig(device.state, switchId(device, params)),
  'Switch.Set': ({ device, params }) => {
    const id = switchId(device, params);
    const on = requiredBoolean(params, 'on');
    const wasOn = device.state.switchOutputs[id];
    device.state.switchOutputs[id] = on;
    device.notifyStatus({ [`switch:${id}`]: { id, output: on } });
    return { was_on: wasOn };
  },
  'Switch.Toggle': ({ device, params }) => {
    const id = switchId(device, params);
    const wasOn = device.state.switchOutputs[id];
    device.state.switchOutputs[id] = !wasOn;
    device.notifyStatus({ [`switch:${id}`]: { id, output: !wasOn } });
    return { was_on: wasOn };
  },
};
