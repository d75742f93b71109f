import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';

const LOOPBACK = '127.0.0.1';

/** Handles an HTTP `Upgrade` (WebSocket) request on the listener's server. */
export type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;

interface ListenerEntry {
  server: http.Server;
  sockets: Set<Socket>;
  isListening: boolean;
  ready: Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 that can be closed and reopened on the same port (reboots, `refuse`).
 * Each listen gets a fresh `http.Server`, and close destroys every socket it accepted (upgraded WebSocket
 * connections included), so a closed listener holds no handles and new connections are refused at once.
 */
export class HttpListener {
  private current: ListenerEntry | undefined;

  constructor(
    private readonly handler: http.RequestListener,
    private readonly onUpgrade?: UpgradeHandler,
  ) {}

  get isListening(): boolean {
    return this.current?.isListening ?? false;
  }

  /** Binds 127.0.0.1:`port` (0 = ephemeral) and resolves with the bound port; rejects on bind errors. */
  listen(port: number): Promise<number> {
    if (this.current !== undefined) return Promise.reject(new Error('HttpListener is already listening'));
    const server = http.createServer(this.handler);
    const sockets = new Set<Socket>();
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    // Malformed HTTP from a client must never reach the process: answer 400 and drop the socket.
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    if (this.onUpgrade !== undefined) server.on('upgrade', this.onUpgrade);
    else server.on('upgrade', (_req, socket: Duplex) => socket.destroy());
    const entry: ListenerEntry = { server, sockets, isListening: false, ready: Promise.resolve() };
    entry.ready = new Promise<void>((resolve, reject) => {
      server.once('error', (error) => {
        if (this.current === entry) this.current = undefined;
        reject(error);
      });
      server.once('listening', () => {
        entry.isListening = true;
        server.on('error', () => undefined);
        resolve();
      });
    });
    this.current = entry;
    server.listen({ port, host: LOOPBACK });
    return entry.ready.then(() => (server.address() as AddressInfo).port);
  }

  /** Stops accepting at once, destroys open sockets, resolves when the server has closed. */
  close(): Promise<void> {
    const entry = this.current;
    this.current = undefined;
    if (entry === undefined) return Promise.resolve();
    const shut = (): Promise<void> =>
      new Promise<void>((resolve) => {
        entry.server.close(() => resolve());
        for (const socket of entry.sockets) socket.destroy();
      });
    return entry.isListening ? shut() : entry.ready.then(shut, () => undefined);
  }
}
