import WebSocket from 'ws';
import { DeviceError } from '../../device-error';
import { classifyAuthReply } from './shelly-auth-reply';
import type { CredentialsSource, DigestSession } from './shelly-digest-session';
import { buildRequest, parseResponse } from './shelly-protocol';

/** Opens a WebSocket; rejects with a DeviceError (or the signal's reason) when it cannot. */
export type WebSocketConnector = (
  url: string,
  options: { signal: AbortSignal; timeoutMs?: number },
) => Promise<WebSocket>;

/** A frame the device pushed without an id: `NotifyStatus`, `NotifyEvent`, … (§1.7). */
export interface RpcNotification {
  method: string;
  params: unknown;
}

const DEFAULT_TIMEOUT_MS = 5_000;
/** Device frames are small; a bigger one is a broken peer, not a reason to buffer. */
const MAX_FRAME_BYTES = 256 * 1024;

export const connectWebSocket: WebSocketConnector = (url, { signal, timeoutMs = DEFAULT_TIMEOUT_MS }) => {
  signal.throwIfAborted();
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      handshakeTimeout: timeoutMs,
      perMessageDeflate: false,
      maxPayload: MAX_FRAME_BYTES,
    });
    const settle = (outcome: () => void) => {
      signal.removeEventListener('abort', onAbort);
      ws.removeAllListeners('open');
      outcome();
    };
    const onAbort = () => settle(() => (ws.terminate(), reject(signal.reason)));
    signal.addEventListener('abort', onAbort, { once: true });
    ws.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(new DeviceError('unreachable', `WebSocket ${url}: ${error.code ?? error.message}`)),
      ),
    );
    ws.once('unexpected-response', (request, response) =>
      settle(() => {
        request.destroy();
        reject(new DeviceError('device-error', `WebSocket ${url}: HTTP ${response.statusCode}`));
      }),
    );
    ws.once('open', () => settle(() => resolve(ws)));
  });
};

interface Pending {
  resolve(text: string): void;
  reject(error: unknown): void;
}

export interface ShellyWsRpcOptions {
  src: string;
  digest: DigestSession;
  /** Nonce cache key of this device's WebSocket channel. */
  key: string;
}

/**
 * JSON-RPC frames over one WebSocket (§1.2): replies matched by id, notifications handed to listeners,
 * calls authenticated through the shared DigestSession (JSON `auth` object only: there are no headers).
 */
export class ShellyWsRpc {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(notification: RpcNotification) => void>();
  private readonly closeListeners = new Set<() => void>();
  private isClosed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly options: ShellyWsRpcOptions,
  ) {
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onFrame(data.toString());
    });
    socket.on('error', () => undefined); // 'close' follows and carries the consequence
    socket.on('close', () => this.markClosed());
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  /** Listens to notifications; returns the disposer. */
  onNotification(listener: (notification: RpcNotification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called once when the socket closes (the device rebooted, or close()). */
  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  async call(
    method: string,
    params: Record<string, unknown> | undefined,
    options: { signal: AbortSignal; timeoutMs?: number; credentials?: CredentialsSource },
  ): Promise<unknown> {
    const id = this.nextId++;
    const frame = buildRequest(id, this.options.src, method, params);
    const text = await this.options.digest.run<string>({
      key: this.options.key,
      forms: ['json'],
      credentials: options.credentials,
      signal: options.signal,
      send: async (auth) => {
        const sent = { ...frame, ...(auth?.form === 'json' ? { auth: auth.auth } : {}) };
        const reply = await this.roundTrip(id, JSON.stringify(sent), options);
        return { reply, auth: classifyAuthReply({ text: reply }) };
      },
    });
    return parseResponse(text, id, method);
  }

  close(): void {
    if (this.isClosed) return;
    this.socket.terminate();
    this.markClosed();
  }

  private roundTrip(
    id: number,
    text: string,
    { signal, timeoutMs = DEFAULT_TIMEOUT_MS }: { signal: AbortSignal; timeoutMs?: number },
  ): Promise<string> {
    if (this.isClosed) return Promise.reject(new DeviceError('unreachable', 'the WebSocket is closed'));
    signal.throwIfAborted();
    return new Promise<string>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.pending.delete(id);
      };
      const onAbort = () => (done(), reject(signal.reason));
      const timer = setTimeout(() => {
        done();
        reject(new DeviceError('timeout', `no WebSocket reply within ${timeoutMs} ms`));
      }, timeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (reply) => (done(), resolve(reply)),
        reject: (error) => (done(), reject(error)),
      });
      this.socket.send(text);
    });
  }

  private onFrame(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      // A junk frame may have been the reply to any call in flight: fail them rather than wait for timeouts.
      const error = new DeviceError(
        'bad-reply',
        `WebSocket frame is not JSON (${JSON.stringify(text.slice(0, 40))})`,
      );
      for (const pending of [...this.pending.values()]) pending.reject(error);
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const f = frame as Record<string, unknown>;
    if (typeof f.id === 'number' && this.pending.has(f.id)) return this.pending.get(f.id)!.resolve(text);
    if (typeof f.method === 'string' && f.id === undefined) {
      for (const listener of [...this.listeners]) listener({ method: f.method, params: f.params });
    }
  }

  private markClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    const error = new DeviceError('unreachable', 'the WebSocket closed');
    for (const pending of [...this.pending.values()]) pending.reject(error);
    for (const listener of [...this.closeListeners]) listener();
  }
}
