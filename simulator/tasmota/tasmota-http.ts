import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReplyAction } from '../faults/device-faults';

export interface TasmotaHttpTarget {
  replyAction(): ReplyAction;
  webPassword(): string;
  /** Runs one command line from `/cm` and resolves with its JSON results merged into one object. */
  runForHttp(line: string): Promise<Record<string, unknown>>;
  noteHttpRequest(): void;
}

const GARBAGE = Buffer.from([0x7b, 0x22, 0x50, 0x4f, 0x57, 0x00, 0xff, 0xfe, 0x0d]);

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  if (res.headersSent || res.destroyed) return;
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': bytes.length,
    'Access-Control-Allow-Origin': '*',
  });
  res.end(bytes);
}

const json = (res: ServerResponse, value: unknown): void =>
  send(res, 200, 'application/json', JSON.stringify(value));

/**
 * The web user is fixed to `admin`; a Basic `Authorization` header is tried first, then `user`/`password` in
 * the query. Wrong credentials get HTTP 401 (PROTOCOLS.md §2.6, corrected 2026-12-07; xdrv_01_9_webserver.ino
 * WebAuthenticate / HandleHttpCommand).
 */
function isAuthorized(req: IncomingMessage, query: URLSearchParams, password: string): boolean {
  const header = req.headers.authorization ?? '';
  if (/^basic /i.test(header)) {
    return Buffer.from(header.slice(6).trim(), 'base64').toString('utf8') === `admin:${password}`;
  }
  return query.get('user') === 'admin' && query.get('password') === password;
}

async function handle(target: TasmotaHttpTarget, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://device');
  if (url.pathname === '/cm') target.noteHttpRequest();
  req.resume();
  const action = target.replyAction();
  if (action.kind === 'reset') return void req.socket.destroy();
  if (action.kind === 'hang') return;
  if (action.kind === 'hang-mid') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 64 });
    res.write('{"Status":{"Module":');
    return;
  }
  if (action.delayMs > 0) await sleep(action.delayMs);
  if (action.kind === 'garbage') return send(res, 200, 'application/json', GARBAGE);
  if (action.kind === 'http-500') return send(res, 500, 'text/plain', 'Internal Server Error');
  if (url.pathname === '/')
    return send(res, 200, 'text/html', '<!DOCTYPE html><html><body>Tasmota</body></html>');
  if (url.pathname !== '/cm') return send(res, 404, 'text/plain', 'Not Found');
  const password = target.webPassword();
  const query = url.searchParams;
  if (password !== '' && !isAuthorized(req, query, password)) {
    res.setHeader('WWW-Authenticate', 'Basic realm="tasmota"');
    return send(
      res,
      401,
      'application/json',
      JSON.stringify({ WARNING: 'Need user=<username>&password=<password>' }),
    );
  }
  const line = query.get('cmnd');
  if (line === null || line.trim() === '') return json(res, { WARNING: 'Enter command cmnd=' });
  json(res, await target.runForHttp(line));
}

/** `GET /cm?cmnd=...&user=admin&password=...` (§2.6) with the device's fault behaviour. */
export function createTasmotaRequestHandler(target: TasmotaHttpTarget): RequestListener {
  return (req, res) => {
    handle(target, req, res).catch(() => send(res, 500, 'text/plain', 'Internal Server Error'));
  };
}
