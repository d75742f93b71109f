import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TLS_CLIENT } from './encrypted-link';
import { tlsFailureWords } from './tls-failure';

/** One HTTP(S) call of a sync target: JSON in, text out, a time budget, the target's own CA. */
export interface WebRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** Sent as is (already JSON text); absent for GET. */
  body?: string;
  /** PEM of the CA that signed the server's certificate; absent: the system's CAs. */
  caPem?: string | null;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface WebReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * The call never got a reply: `timeout` (no reply within the budget), `network` (refused, reset) or `tls`
 * (the server's certificate or TLS version was refused: a setting to fix, not a moment to wait for).
 */
export class WebRequestError extends Error {
  constructor(
    readonly reason: 'timeout' | 'network' | 'tls',
    message: string,
  ) {
    super(message);
    this.name = 'WebRequestError';
  }
}

const MAX_REPLY_BYTES = 1 << 20;

/**
 * node:http/https rather than fetch: fetch (undici) takes no per-request CA without a custom dispatcher, and a
 * back office behind a company CA is the common case. No keep-alive: a sync batch is one request now and then.
 * Status codes are returned, never thrown; the caller decides what each means.
 */
export function webRequest(req: WebRequest): Promise<WebReply> {
  const url = new URL(req.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal.removeEventListener('abort', onAbort);
      fn();
    };
    const outgoing = send(url, {
      method: req.method,
      ca: req.caPem ?? undefined,
      ...TLS_CLIENT,
      headers: {
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
        ...req.headers,
      },
    });
    const timer = setTimeout(() => {
      finish(() =>
        reject(new WebRequestError('timeout', `no reply from ${url.host} within ${req.timeoutMs} ms`)),
      );
      outgoing.destroy();
    }, req.timeoutMs);
    const onAbort = () => {
      finish(() => reject(req.signal.reason));
      outgoing.destroy();
    };
    if (req.signal.aborted) onAbort();
    else req.signal.addEventListener('abort', onAbort, { once: true });
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let total = 0;
      response.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total <= MAX_REPLY_BYTES) chunks.push(chunk);
      });
      response.on('end', () =>
        finish(() =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        ),
      );
      response.on('error', (error) => finish(() => reject(networkError(url, error))));
    });
    outgoing.on('error', (error) => finish(() => reject(networkError(url, error))));
    outgoing.end(body);
  });
}

function networkError(url: URL, error: Error & { code?: string }): WebRequestError {
  const tls = tlsFailureWords(error);
  if (tls !== null) return new WebRequestError('tls', `cannot connect securely to ${url.host}: ${tls}`);
  return new WebRequestError('network', `${url.host}: ${error.code ?? error.message}`);
}
