import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { DeviceError } from '../device-error';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Aborts the request when the job is canceled or the step times out; its reason is rethrown as is. */
  signal?: AbortSignal;
  /** Per-request budget; when it runs out the request fails with reason `timeout`. */
  timeoutMs?: number;
}

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface HttpClientOptions {
  /** Default per-request timeout. */
  timeoutMs: number;
  /** Replies larger than this are refused as `bad-reply` (a device answering garbage must not fill memory). */
  maxBodyBytes: number;
  /** Connections kept per device. Default 4. */
  maxSocketsPerHost?: number;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
]);

class RequestTimeout extends Error {}

/** A kept-alive connection the device had already closed: the request never reached it, so it may go again. */
class StaleConnection extends Error {}
const STALE_CODES = new Set(['ECONNRESET', 'EPIPE']);
const MAX_SOCKETS_DEFAULT = 4;

/**
 * HTTP for drivers, on node:http rather than fetch: fetch refuses "bad ports" (1, 6000, 6665…) that devices may
 * well use. Keep-alive, a timeout per request, cancellation, a size cap, and every network failure mapped to a
 * DeviceError reason (`unreachable`, `timeout`, `bad-reply`). Status codes are returned, not thrown: protocols
 * give them meaning (401 challenges, 500 RPC errors).
 */
export class HttpClient {
  private readonly agent: Agent;

  constructor(private readonly options: HttpClientOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSocketsPerHost ?? MAX_SOCKETS_DEFAULT });
  }

  async request(req: HttpRequest): Promise<HttpReply> {
    const url = new URL(req.url);
    const controller = new AbortController();
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const timer = setTimeout(() => controller.abort(new RequestTimeout()), timeoutMs);
    const onOuterAbort = () => controller.abort(req.signal?.reason);
    if (req.signal?.aborted) onOuterAbort();
    else req.signal?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.send(url, req, controller.signal);
        } catch (error) {
          // Every idle connection in the pool may have gone stale at once; a fresh one ends the loop.
          if (!(error instanceof StaleConnection) || attempt > MAX_SOCKETS_DEFAULT) throw error;
        }
      }
    } catch (error) {
      if (error instanceof DeviceError) throw error;
      if (req.signal?.aborted) throw req.signal.reason;
      if (controller.signal.reason instanceof RequestTimeout) {
        throw new DeviceError('timeout', `no reply from ${url.host} within ${timeoutMs} ms`);
      }
      const cause = error instanceof StaleConnection ? (error.cause as Error) : error;
      const code = (cause as { code?: string }).code;
      if (code?.startsWith('HPE_'))
        throw new DeviceError('bad-reply', `${url.host} sent malformed HTTP (${code})`);
      throw new DeviceError(
        'unreachable',
        `${url.host}: ${code && UNREACHABLE_CODES.has(code) ? code : (cause as Error).message}`,
      );
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onOuterAbort);
    }
  }

  /** Closes idle keep-alive connections (shutdown, tests). */
  close(): void {
    this.agent.destroy();
  }

  private send(url: URL, req: HttpRequest, signal: AbortSignal): Promise<HttpReply> {
    const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || 80,
          path: `${url.pathname}${url.search}`,
          method: req.method,
          agent: this.agent,
          signal,
          headers: {
            ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}),
            ...req.headers,
          },
        },
        (response) => {
          const declared = Number(response.headers['content-length'] ?? NaN);
          if (declared > this.options.maxBodyBytes) {
            response.destroy();
            reject(
              new DeviceError('bad-reply', `reply of ${declared} bytes exceeds ${this.options.maxBodyBytes}`),
            );
            return;
          }
          const chunks: Buffer[] = [];
          let total = 0;
          response.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > this.options.maxBodyBytes) {
              response.destroy();
              reject(new DeviceError('bad-reply', `reply exceeds ${this.options.maxBodyBytes} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      let answered = false;
      outgoing.once('response', () => (answered = true));
      outgoing.on('error', (error: Error & { code?: string }) => {
        // Node's advice for keep-alive races: a reset on a reused socket before any reply is safe to resend.
        const stale = outgoing.reusedSocket && !answered && STALE_CODES.has(error.code ?? '');
        reject(stale ? new StaleConnection('stale keep-alive connection', { cause: error }) : error);
      });
      outgoing.end(body);
    });
  }
}
