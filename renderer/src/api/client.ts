import type { CommandName, EventName } from '../../../shared/ipc/channels';
import type { CommandInput, CommandOutput, EventPayload } from '../../../shared/ipc/contract';
import { IpcError } from '../../../shared/ipc/result';
import { createElectronTransport } from './electron-transport';
import type { PreloadBridge, Transport } from './transport';
import { createWebSocketTransport } from './websocket-transport';

let current: Transport | null = null;

/** Picks the transport once at start-up: the Electron preload bridge if present, else the headless WebSocket. */
export async function connect(win: Window & { fieldbatch?: PreloadBridge } = window): Promise<Transport> {
  if (win.fieldbatch) {
    current = createElectronTransport(win.fieldbatch);
  } else {
    const token = new URL(win.location.href).searchParams.get('token') ?? '';
    const scheme = win.location.protocol === 'https:' ? 'wss' : 'ws';
    current = await createWebSocketTransport(
      `${scheme}://${win.location.host}/ipc?token=${encodeURIComponent(token)}`,
    );
  }
  return current;
}

/** Tests install a fake transport here. */
export function setTransport(transport: Transport | null): void {
  current = transport;
}

function transport(): Transport {
  if (!current) throw new IpcError('UNAVAILABLE', 'not connected to Fieldbatch');
  return current;
}

/** Invokes a contract command; resolves with its output or throws IpcError with the typed code. */
export async function invoke<K extends CommandName>(
  name: K,
  input: CommandInput<K>,
): Promise<CommandOutput<K>> {
  const result = await transport().invoke(name, input);
  if (!result.ok) throw new IpcError(result.error.code, result.error.message, result.error.details);
  return result.value as CommandOutput<K>;
}

export function subscribe<K extends EventName>(
  name: K,
  listener: (payload: EventPayload<K>) => void,
): () => void {
  return transport().on(name, listener as (payload: unknown) => void);
}

export function onDisconnect(listener: () => void): void {
  transport().onDisconnect(listener);
}
