import http, { type IncomingHttpHeaders } from 'node:http';
import net from 'node:net';

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  text: string;
}

export interface HttpRequestOptions {
  method?: string;
  path?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Rejects with an Error whose message is 'timeout' when no complete reply arrives in time. */
  timeoutMs?: number;
}

/** One request on a fresh connection to 127.0.0.1:`port` (no agent, so no pooled sockets linger). */
export function httpRequest(port: number, options: HttpRequestOptions = {}): Promise<HttpReply> {
  const { method = 'GET', path = '/', body, headers, timeoutMs = 5000 } = options;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text: raw.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

export async function getJson(port: number, path: string): Promise<{ status: number; json: unknown }> {
  const reply = await httpRequest(port, { path });
  return { status: reply.status, json: JSON.parse(reply.text) };
}

/** POSTs a request frame to /rpc and returns the parsed response frame. */
export async function rpcFrame(
  port: number,
  frame: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const reply = await httpRequest(port, { method: 'POST', path: '/rpc', body: JSON.stringify(frame) });
  if (reply.status !== 200) throw new Error(`HTTP ${reply.status}: ${reply.text}`);
  return JSON.parse(reply.text) as Record<string, unknown>;
}

/** Calls `method` and returns its `result`, throwing if the device answered with an error. */
export async function rpcResult(
  port: number,
  method: string,
  params?: Record<string, unknown>,
): Promise<unknown> {
  const frame = await rpcFrame(port, { id: 1, src: 'sim-test', method, params });
  if ('error' in frame) throw new Error(`${method}: ${JSON.stringify(frame.error)}`);
  return frame.result;
}

/**
 * Resolves 'refused' on ECONNREFUSED, 'open' when a TCP connection is accepted, 'reset' when it was
 * accepted and reset at once (a device going dark at that very moment).
 */
export function probeTcp(port: number): Promise<'refused' | 'open' | 'reset'> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') resolve('refused');
      else if (error.code === 'ECONNRESET') resolve('reset');
      else reject(error);
    });
  });
}

/** Polls `check` until it returns true; rejects after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 5000, intervalMs = 20, what = 'condition' } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
