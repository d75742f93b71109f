import WebSocket from 'ws';

export type Frame = Record<string, unknown>;

/** A minimal JSON-RPC-over-WebSocket client for tests: requests by id, notifications collected. */
export class WsRpcClient {
  readonly notifications: Frame[] = [];
  private readonly waiting = new Map<unknown, (frame: Frame) => void>();
  private readonly watchers = new Set<() => void>();
  private nextId = 1;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(data.toString()) as Frame;
      } catch {
        frame = { unparsed: data.toString() };
      }
      const resolve = this.waiting.get(frame.id);
      if (resolve !== undefined && 'id' in frame) {
        this.waiting.delete(frame.id);
        resolve(frame);
      } else {
        this.notifications.push(frame);
      }
      for (const watch of this.watchers) watch();
    });
  }

  static connect(port: number): Promise<WsRpcClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new WsRpcClient(ws)));
      ws.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  closed(): Promise<number> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve(-1);
    return new Promise((resolve) => this.ws.once('close', (code) => resolve(code)));
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Sends a request frame (id added) and resolves with the response frame. */
  request(frame: Frame, timeoutMs = 5000): Promise<Frame> {
    const id = (frame.id as number | undefined) ?? this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`no reply to ${String(frame.method)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.ws.send(JSON.stringify({ ...frame, id }));
    });
  }

  /** Resolves with the first notification matching `match` (already received or later). */
  waitForNotification(match: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.notifications.find(match);
        if (found === undefined) return false;
        clearTimeout(timer);
        this.watchers.delete(check);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        reject(new Error(`no matching notification within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.watchers.add(check);
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.ws.once('close', () => resolve()));
    this.ws.terminate();
    return done;
  }
}

/** The `sys` events carried by NotifyEvent frames, in arrival order. */
export function sysEvents(frames: readonly Frame[]): Array<Record<string, unknown>> {
  return frames
    .filter((frame) => frame.method === 'NotifyEvent')
    .flatMap((frame) => (frame.params as { events: Array<Record<string, unknown>> }).events);
}
