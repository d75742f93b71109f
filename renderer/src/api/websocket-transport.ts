import { MAX_FRAME_BYTES, payloadTooLarge } from '../../../shared/ipc/frame-limits';
import { fail, type Result } from '../../../shared/ipc/result';
import { ServerFrameSchema, type ClientFrame } from '../../../shared/ipc/ws-frames';
import type { Transport } from './transport';

/**
 * The headless host's contract over one WebSocket: invoke frames with ids, result frames matched by id,
 * event frames fanned out to listeners. The access token from the page URL authenticates the socket.
 */
export function createWebSocketTransport(url: string): Promise<Transport> {
  const socket = new WebSocket(url);
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const disconnectListeners: (() => void)[] = [];
  let nextId = 1;

  socket.addEventListener('message', (message) => {
    let frame;
    try {
      frame = ServerFrameSchema.safeParse(JSON.parse(String(message.data)));
    } catch {
      return;
    }
    if (!frame.success) return;
    if (frame.data.type === 'result') {
      pending.get(frame.data.id)?.(frame.data.result as Result<unknown>);
      pending.delete(frame.data.id);
    } else {
      for (const listener of listeners.get(frame.data.name) ?? []) listener(frame.data.payload);
    }
  });

  socket.addEventListener('close', () => {
    for (const resolve of pending.values())
      resolve(fail('UNAVAILABLE', 'the connection to Fieldbatch was lost'));
    pending.clear();
    for (const listener of disconnectListeners) listener();
  });

  const transport: Transport = {
    kind: 'websocket',
    invoke(name, input) {
      if (socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve(fail('UNAVAILABLE', 'not connected to Fieldbatch'));
      }
      const id = nextId++;
      const frame: ClientFrame = { type: 'invoke', id, name, input };
      const text = JSON.stringify(frame);
      // Refused here rather than sent: a frame the host cannot read would cost the whole connection.
      const bytes = utf8Bytes(text);
      if (bytes > MAX_FRAME_BYTES) return Promise.resolve(payloadTooLarge(bytes));
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(text);
      });
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
    onDisconnect(listener) {
      disconnectListeners.push(listener);
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(transport), { once: true });
    socket.addEventListener('error', () => reject(new Error('cannot connect to the Fieldbatch host')), {
      once: true,
    });
  });
}

/** UTF-8 length of `text`, encoded only when it could be over the cap (a UTF-16 unit is 1 to 3 bytes). */
function utf8Bytes(text: string): number {
  if (text.length * 3 <= MAX_FRAME_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}
