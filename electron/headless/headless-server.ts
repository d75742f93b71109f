import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { EventName } from '../../shared/ipc/channels';
import type { EventPayload } from '../../shared/ipc/contract';
import { MAX_FRAME_BYTES, payloadTooLarge, WS_READ_LIMIT_BYTES } from '../../shared/ipc/frame-limits';
import type { Result } from '../../shared/ipc/result';
import {
  ClientFrameSchema,
  WS_CLOSE_PROTOCOL_ERROR,
  type ClientFrame,
  type ServerFrame,
} from '../../shared/ipc/ws-frames';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy';
import type { Dispatch } from '../core/ipc/command-dispatcher';
import type { Logger } from '../core/ports';
import { presentedToken, TOKEN_COOKIE } from './access-token';
import { serveStatic } from './static-files';

export interface HeadlessServerOptions {
  /** Address to bind; 127.0.0.1 unless the operator explicitly chose another. */
  bindAddress: string;
  port: number;
  rendererDir: string;
  token: string;
  dispatch: Dispatch;
  logger: Logger;
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Serves the built renderer and the IPC contract over a WebSocket at `/ipc`, both behind the access token.
 * Every frame up to MAX_FRAME_BYTES (the contract's largest valid command) is dispatched; a larger one is
 * answered PAYLOAD_TOO_LARGE and the socket stays open (see WS_READ_LIMIT_BYTES for what is read at most).
 */
export class HeadlessServer {
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: WS_READ_LIMIT_BYTES });
  private readonly sockets = new Set<Socket>();
  private origin = '';

  constructor(private readonly options: HeadlessServerOptions) {
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) =>
      this.onUpgrade(req, socket, head),
    );
    this.http.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.wss.on('connection', (ws) => this.onClient(ws));
  }

  async listen(): Promise<{ port: number; url: string }> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.bindAddress, () => resolve());
    });
    const { port } = this.http.address() as AddressInfo;
    const host = this.options.bindAddress.includes(':')
      ? `[${this.options.bindAddress}]`
      : this.options.bindAddress;
    this.origin = `http://${host}:${port}`;
    return { port, url: `${this.origin}/?token=${this.options.token}` };
  }

  /** Sends an event to every connected renderer. */
  broadcast<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const frame = JSON.stringify({ type: 'event', name, payload } satisfies ServerFrame);
    for (const client of this.wss.clients) if (client.readyState === client.OPEN) client.send(frame);
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const via = presentedToken(req, this.options.token);
    if (!via) {
      res
        .writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
        .end('Forbidden: missing or wrong access token');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (via === 'query') {
      res.setHeader('set-cookie', `${TOKEN_COOKIE}=${this.options.token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    const path = new URL(req.url ?? '/', this.origin).pathname;
    await serveStatic(this.options.rendererDir, path, res, req.method === 'HEAD').catch((error: unknown) => {
      this.options.logger.error('static file failed', { path, error: String(error) });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  }

  private onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const path = new URL(req.url ?? '/', this.origin).pathname;
    const origin = req.headers.origin;
    // A browser always sends Origin; a page from any other origin must not drive the app.
    const allowed =
      path === '/ipc' && presentedToken(req, this.options.token) && (!origin || origin === this.origin);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  private onClient(ws: WebSocket): void {
    ws.on('message', (data, isBinary) => {
      const frame = isBinary ? null : parseClientFrame(data);
      if (!frame) {
        ws.close(WS_CLOSE_PROTOCOL_ERROR, 'malformed frame');
        return;
      }
      const bytes = byteLength(data);
      if (bytes > MAX_FRAME_BYTES) {
        this.options.logger.warn('renderer request too large', { name: frame.name, bytes });
        reply(ws, frame.id, payloadTooLarge(bytes));
        return;
      }
      void this.options
        .dispatch(frame.name, frame.input, { host: 'headless' })
        .then((result) => reply(ws, frame.id, result));
    });
    ws.on('error', (error) => this.options.logger.warn('renderer socket error', { error: error.message }));
  }
}

function parseClientFrame(data: RawData): ClientFrame | null {
  try {
    return ClientFrameSchema.safeParse(JSON.parse(data.toString())).data ?? null;
  } catch {
    return null;
  }
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data.byteLength;
}

function reply(ws: WebSocket, id: number, result: Result<unknown>): void {
  if (ws.readyState === ws.OPEN)
    ws.send(JSON.stringify({ type: 'result', id, result } satisfies ServerFrame));
}
