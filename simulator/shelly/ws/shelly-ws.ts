import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { ShellyHttpTarget } from '../http/shelly-http-handler';
import { MAX_BODY_BYTES } from '../http/read-body';
import { callWithAuth, credentialsOf, frameFor } from '../rpc/frame-dispatch';
import { errorFrame, parseRequestFrame } from '../rpc/rpc-frame';

interface Peer {
  /** The `src` of the client's last request: notifications go to it as `dst` (§1.2). */
  src?: string;
}

const GARBAGE_TEXT = '{"id":1,"src":"\u0000\u00ff';

/**
 * WebSocket `/rpc`: the same frames as `POST /rpc` in both directions, plus `NotifyStatus` / `NotifyEvent`
 * pushed to every client that has sent at least one request with a `src`. Frames that are not requests
 * (bad JSON, no method) are dropped without a reply, as the Mongoose core drops unparseable frames;
 * a frame over 64 KiB closes the connection (1009).
 */
export class ShellyWsHub {
  private readonly server = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_BODY_BYTES,
    perMessageDeflate: false,
    clientTracking: false,
  });
  private readonly peers = new Map<WebSocket, Peer>();

  constructor(private readonly target: ShellyHttpTarget) {
    this.server.on('error', () => undefined);
  }

  readonly handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => undefined);
    const path = new URL(req.url ?? '/', 'http://device').pathname;
    if (path !== '/rpc') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const action = this.target.replyAction('ws');
    if (action.kind === 'reset') return void socket.destroy();
    if (action.kind === 'hang' || action.kind === 'hang-mid') return;
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  };

  /** Sends a notification frame to every identified client. */
  notify(method: string, params: Record<string, unknown>): void {
    for (const [ws, peer] of this.peers) {
      if (peer.src === undefined || ws.readyState !== ws.OPEN) continue;
      ws.send(JSON.stringify({ src: this.target.id, dst: peer.src, method, params }));
    }
  }

  get clientCount(): number {
    return this.peers.size;
  }

  private accept(ws: WebSocket): void {
    const peer: Peer = {};
    this.peers.set(ws, peer);
    ws.on('error', () => undefined);
    ws.on('close', () => this.peers.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (!isBinary) void this.onFrame(ws, peer, data);
    });
  }

  private async onFrame(ws: WebSocket, peer: Peer, data: RawData): Promise<void> {
    const parsed = parseRequestFrame(data.toString());
    if (parsed.kind === 'invalid') return;
    if (parsed.kind === 'rejected') {
      ws.send(
        JSON.stringify(errorFrame({ id: parsed.id, src: this.target.id, dst: parsed.src }, parsed.error)),
      );
      return;
    }
    const { request } = parsed;
    if (request.src !== undefined) peer.src = request.src;
    const action = this.target.replyAction('ws');
    if (action.kind === 'reset') return void ws.terminate();
    if (action.kind === 'hang' || action.kind === 'hang-mid') return;
    if (action.delayMs > 0) await sleep(action.delayMs);
    if (ws.readyState !== ws.OPEN) return;
    if (action.kind === 'garbage') return void ws.send(GARBAGE_TEXT);
    const hooks: Array<() => void> = [];
    const call = callWithAuth(this.target, request.method, request.params, {
      credentials: credentialsOf(request.auth, undefined, 'POST', '/rpc'),
      isWebSocket: true,
      afterReply: (fn) => hooks.push(fn),
    });
    ws.send(JSON.stringify(frameFor(this.target, request, call)), () => hooks.forEach((hook) => hook()));
  }
}
