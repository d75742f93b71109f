import type { Result } from '../../../shared/ipc/result';
import type { PreloadBridge, Transport } from './transport';

export function createElectronTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'electron',
    invoke: (name, input) => bridge.invoke(name, input) as Promise<Result<unknown>>,
    on: (name, listener) => bridge.on(name, listener),
    onDisconnect: () => {},
  };
}
