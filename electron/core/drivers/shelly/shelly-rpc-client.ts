import type { HttpClient, HttpReply } from '../../transport/http-client';
import type { HttpEndpoint } from '../device-driver';
import { DeviceError } from '../../device-error';
import { classifyAuthReply } from './shelly-auth-reply';
import {
  DigestSession,
  type AuthPayload,
  type CredentialsSource,
  type DigestSessionOptions,
} from './shelly-digest-session';
import type { AuthForm } from './shelly-nonce-cache';
import { buildRequest, parseResponse } from './shelly-protocol';
import { connectWebSocket, ShellyWsRpc, type WebSocketConnector } from './shelly-ws-rpc';

export interface RpcCallOptions {
  signal: AbortSignal;
  timeoutMs?: number;
  /** Where the password comes from if the device challenges; absent means "call without auth". */
  credentials?: CredentialsSource;
}

export interface ShellyRpcClientOptions extends DigestSessionOptions {
  /** Our `src` in request frames; the device answers to it as `dst`. Default `fieldbatch`. */
  src?: string;
  /**
   * How HTTP calls answer a challenge: `json` puts the `auth` object into the frame (the form every Gen2+
   * firmware takes, also over WebSocket); `header` sends RFC 7616 `Authorization: Digest`. Either falls back to
   * the other when a 401 carries only that form. Default `json`.
   */
  authTransport?: AuthForm;
  /** Opens WebSockets (tests inject failures); default the `ws` package. */
  connectWebSocket?: WebSocketConnector;
}

export function baseUrl(endpoint: HttpEndpoint): string {
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return `http://${host}:${endpoint.port}`;
}

/** Nonce cache key prefix of one device (all its channels). */
export const deviceKey = (endpoint: HttpEndpoint) => `${endpoint.host}:${endpoint.port}|`;

/**
 * JSON-RPC over `POST /rpc` (PROTOCOLS.md §1.2) with digest auth (§1.6), and the WebSocket channel for
 * notifications. Frames carry a per-client increasing id and our `src`. One DigestSession holds the nonces
 * of every device and channel.
 */
export class ShellyRpcClient {
  readonly src: string;
  private nextId = 1;
  private readonly digest: DigestSession;
  private readonly forms: readonly AuthForm[];
  private readonly connector: WebSocketConnector;

  constructor(
    private readonly http: HttpClient,
    options: ShellyRpcClientOptions = {},
  ) {
    this.src = options.src ?? 'fieldbatch';
    this.digest = new DigestSession(options);
    this.forms = options.authTransport === 'header' ? ['header', 'json'] : ['json', 'header'];
    this.connector = options.connectWebSocket ?? connectWebSocket;
  }

  async call(
    endpoint: HttpEndpoint,
    method: string,
    params: Record<string, unknown> | undefined,
    options: RpcCallOptions,
  ): Promise<unknown> {
    const id = this.nextId++;
    const frame = buildRequest(id, this.src, method, params);
    const reply = await this.digest.run<HttpReply>({
      key: `${deviceKey(endpoint)}http`,
      forms: this.forms,
      credentials: options.credentials,
      signal: options.signal,
      send: async (auth) => {
        const sent = await this.post(endpoint, { ...frame, ...jsonAuth(auth) }, auth, options);
        const wwwAuthenticate = sent.headers['www-authenticate'];
        return {
          reply: sent,
          auth: classifyAuthReply({ status: sent.status, text: sent.text, wwwAuthenticate }),
        };
      },
    });
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

  /**
   * Opens `ws://host:port/rpc` and authenticates it with an `Sys.GetStatus` call carrying our `src`, after
   * which the device pushes notifications to it (§1.2). The caller closes it.
   */
  async openWebSocket(
    endpoint: HttpEndpoint,
    options: RpcCallOptions & { src?: string },
  ): Promise<ShellyWsRpc> {
    const url = `${baseUrl(endpoint).replace(/^http/, 'ws')}/rpc`;
    const socket = await this.connector(url, { signal: options.signal, timeoutMs: options.timeoutMs });
    const ws = new ShellyWsRpc(socket, {
      src: options.src ?? `${this.src}-ws`,
      digest: this.digest,
      key: `${deviceKey(endpoint)}ws`,
    });
    try {
      await ws.call('Sys.GetStatus', undefined, options);
    } catch (error) {
      ws.close();
      throw error;
    }
    return ws;
  }

  /** Forgets the nonces of one device (after its password changed, or to prove an unauthenticated call). */
  forgetNonces(endpoint: HttpEndpoint): void {
    this.digest.forget(deviceKey(endpoint));
  }

  private post(
    endpoint: HttpEndpoint,
    body: Record<string, unknown>,
    auth: AuthPayload | null,
    options: RpcCallOptions,
  ): Promise<HttpReply> {
    return this.http.request({
      method: 'POST',
      url: `${baseUrl(endpoint)}/rpc`,
      body,
      headers: auth?.form === 'header' ? { authorization: auth.authorization } : undefined,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  }
}

function jsonAuth(auth: AuthPayload | null): { auth?: Record<string, unknown> } {
  return auth?.form === 'json' ? { auth: auth.auth } : {};
}
