import { DeviceError } from '../drivers/device-error';

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
  headers: Headers;
  text: string;
}

export interface HttpClientOptions {
  /** Default per-request timeout. */
  timeoutMs: number;
  /** Replies larger than this are refused as `bad-reply` (a device answering garbage must not fill memory). */
  maxBodyBytes: number;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

class RequestTimeout extends Error {}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as { code?: string }).code;
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes)
    throw new DeviceError('bad-reply', `reply of ${declared} bytes exceeds ${maxBytes}`);
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new DeviceError('bad-reply', `reply exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * HTTP for drivers: keep-alive (the runtime's pooled agent), a timeout per request, cancellation, a size cap,
 * and every network failure mapped to a DeviceError reason (`unreachable`, `timeout`, `bad-reply`).
 * HTTP status codes are returned, not thrown: protocols give them meaning (401 challenges, 500 RPC errors).
 */
export class HttpClient {
  constructor(private readonly options: HttpClientOptions) {}

  async request(req: HttpRequest): Promise<HttpReply> {
    const controller = new AbortController();
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const timer = setTimeout(() => controller.abort(new RequestTimeout()), timeoutMs);
    const onOuterAbort = () => controller.abort(req.signal?.reason);
    if (req.signal?.aborted) onOuterAbort();
    else req.signal?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      const response = await fetch(req.url, {
        method: req.method,
        headers: {
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...req.headers,
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: controller.signal,
      });
      const text = await readCapped(response, this.options.maxBodyBytes);
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      if (error instanceof DeviceError) throw error;
      if (req.signal?.aborted) throw req.signal.reason;
      if (controller.signal.reason instanceof RequestTimeout) {
        throw new DeviceError('timeout', `no reply from ${new URL(req.url).host} within ${timeoutMs} ms`);
      }
      const code = causeCode(error);
      if (code?.startsWith('HPE_')) {
        throw new DeviceError('bad-reply', `${new URL(req.url).host} sent malformed HTTP (${code})`);
      }
      if (code && UNREACHABLE_CODES.has(code)) {
        throw new DeviceError('unreachable', `${new URL(req.url).host}: ${code}`);
      }
      throw new DeviceError('unreachable', `${new URL(req.url).host}: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onOuterAbort);
    }
  }
}
