import { shellyConfig } from '../shelly-config';
import { shellyDeviceInfo } from '../shelly-device-info';
import { shellyStatus } from '../shelly-status';
import { invalidArgument } from './rpc-error';
import { optionalBoolean, optionalNumber } from './rpc-params';
import type { RpcMethodTable } from './rpc-router';
import type { ShellyRpcDevice } from './shelly-rpc-device';

/** `Shelly.*` methods (PROTOCOLS.md §1.3-§1.5). */
export const shellyMethods: RpcMethodTable<ShellyRpcDevice> = {
  'Shelly.GetDeviceInfo': ({ device, params }) =>
    shellyDeviceInfo(device.state, optionalBoolean(params, 'ident') ?? false),
  'Shelly.GetStatus': ({ device }) => shellyStatus(device.state),
  'Shelly.GetConfig': ({ device }) => shellyConfig(device.state),
  'Shelly.ListMethods': ({ listMethods }) => ({ methods: listMethods() }),
  'Shelly.Reboot': ({ device, params, afterReply }) => {
    const delayMs = optionalNumber(params, 'delay_ms');
    if (delayMs !== undefined && delayMs < 0) throw invalidArgument('delay_ms');
    afterReply(() => device.requestReboot(delayMs));
    return null;
  },
};
