import type { HttpClient } from '../../transport/http-client';
import type { DeviceCredentials, HttpEndpoint } from '../device-driver';
import { DeviceError } from '../../device-error';
import {
  commandLabel,
  commandLine,
  TasmotaPasswordRefused,
  type ExchangeOptions,
  type TasmotaChannel,
  type TasmotaCommand,
  type TasmotaEvent,
} from './tasmota-channel';
import { parseJsonObject } from './tasmota-protocol';
import type { ReplyCollector } from './tasmota-reply';

/**
 * Commands over `GET /cm?cmnd=…` (PROTOCOLS.md §2.6): the reply is one object merging every JSON result
 * the command produced. The web user is always `admin`; a wrong or missing password is answered with
 * HTTP 401 (PROTOCOLS.md §2.6, corrected 2026-12-07; xdrv_01_9_webserver.ino WebAuthenticate), older builds
 * with HTTP 200 and `{"WARNING":"Need user=<username>&password=<password>"}`: both become
 * TasmotaPasswordRefused. The password travels in the query string (that is the API) and never leaves
 * this file in a message.
 */
export class HttpChannel implements TasmotaChannel {
  readonly transport = 'http' as const;
  readonly lost = null;
  readonly label: string;
  private readonly origin: string;

  constructor(
    private readonly http: HttpClient,
    endpoint: HttpEndpoint,
    private readonly credentials: DeviceCredentials | null,
  ) {
    const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
    this.origin = `http://${host}:${endpoint.port}`;
    this.label = `HTTP ${host}:${endpoint.port}`;
  }

  async exchange<T>(
    command: TasmotaCommand,
    collector: ReplyCollector<T>,
    options: ExchangeOptions,
  ): Promise<T> {
    const password = this.credentials?.password ?? '';
    const auth = password === '' ? '' : `user=admin&password=${encodeURIComponent(password)}&`;
    const reply = await this.http
      .request({
        method: 'GET',
        url: `${this.origin}/cm?${auth}cmnd=${encodeURIComponent(commandLine(command))}`,
        signal: options.signal,
        timeoutMs: options.timeoutMs,
      })
      .catch((error: unknown) => {
        throw this.scrubbed(error, command, options.timeoutMs);
      });
    if (reply.status === 401) throw new TasmotaPasswordRefused(this.label, password !== '');
    if (reply.status !== 200) {
      throw new DeviceError(
        'device-error',
        `${this.label} answered HTTP ${reply.status} to ${commandLabel(command)}: ${reply.text.slice(0, 80)}`,
      );
    }
    const json = parseJsonObject(reply.text, `${this.label} reply to ${commandLabel(command)}`);
    if (json.ok && typeof json.value.WARNING === 'string' && /need user=/i.test(json.value.WARNING)) {
      throw new TasmotaPasswordRefused(this.label, password !== '');
    }
    return collector.accept({ level: null, payload: reply.text }) ?? collector.finish();
  }

  watch(_listener: (event: TasmotaEvent) => void): () => void {
    return () => undefined;
  }

  retarget(): void {}

  async close(): Promise<void> {}

  /** The client's errors name only the host; this also guards against a password echoed by any layer. */
  private scrubbed(error: unknown, command: TasmotaCommand, timeoutMs: number): unknown {
    if (!(error instanceof DeviceError)) return error;
    if (error.reason === 'timeout') {
      return new DeviceError(
        'timeout',
        `no reply to ${commandLabel(command)} from ${this.label} within ${timeoutMs} ms`,
      );
    }
    const password = this.credentials?.password ?? '';
    if (password === '' || !error.message.includes(password)) return error;
    return new DeviceError(error.reason, error.message.split(password).join('[redacted]'));
  }
}
