import type { HttpClient } from '../../transport/http-client';
import type { HttpEndpoint } from '../device-driver';
import { DeviceError } from '../device-error';
import { buildRequest, parseResponse } from './shelly-protocol';

export interface RpcCallOptions {
  signal: AbortSignal;
  timeoutMs?: number;
}

export function baseUrl(endpoint: HttpEndpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `http://${host}:${endpoint.port}`;
}

/** JSON-RPC over `POST /rpc` (PROTOCOLS.md §1.2). Frames carry a per-client increasing id and our `src`. */
export class ShellyRpcClient {
  private nextId = 1;

  constructor(
    private readonly http: HttpClient,
    private readonly src = 'fieldbatch',
  ) {}

  async call(
    endpoint: HttpEndpoint,
    method: string,
    params: Record<string, unknown> | undefined,
    options: RpcCallOptions,
  ): Promise<unknown> {
    const id = this.nextId++;
    const reply = await this.http.request({
      method: 'POST',
      url: `${baseUrl(endpoint)}/rpc`,
      body: buildRequest(id, this.src, method, params),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    if (reply.status === 401)
      throw new DeviceError('device-error', `${method}: the device requires a password`);
    const isJson = reply.text.trimStart().startsWith('{');
    if (reply.status !== 200 && !isJson) {
      throw new DeviceError(
        'device-error',
        `${method}: HTTP ${reply.status} ${reply.text.slice(0, 80)}`.trim(),
      );
    }
    return parseResponse(reply.text, id, method);
  }

  /** `GET /shelly`: the identity document, open even when auth is on (§1.3). */
  async describe(endpoint: HttpEndpoint, options: RpcCallOptions): Promise<unknown> {
    const reply = await this.http.request({
      method: 'GET',
      url: `${baseUrl(endpoint)}/shelly`,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    if (reply.status !== 200) {
      throw new DeviceError(
        'device-error',
        `GET /shelly: HTTP ${reply.status} ${reply.text.slice(0, 80)}`.trim(),
      );
    }
    try {
      return JSON.parse(reply.text) as unknown;
    } catch {
      throw new DeviceError(
        'bad-reply',
        `GET /shelly: reply is not JSON (${JSON.stringify(reply.text.slice(0, 60))})`,
      );
    }
  }
}
