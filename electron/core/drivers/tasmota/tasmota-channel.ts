import { DeviceError } from '../../device-error';
import type { ReplyCollector } from './tasmota-reply';

/** The three ways to reach a Tasmota device (PROTOCOLS.md §2.1, §2.5, §2.6). */
export type TasmotaTransport = 'mqtt' | 'http' | 'serial';

export const TRANSPORT_NAMES: Readonly<Record<TasmotaTransport, string>> = {
  mqtt: 'MQTT',
  http: 'HTTP',
  serial: 'serial',
};

/** One command as typed on the console: `FriendlyName1 Hall` is `{name: 'FriendlyName1', value: 'Hall'}`. */
export interface TasmotaCommand {
  name: string;
  /** The parameter; empty queries the current value. */
  value: string;
  /** The value is a secret (WebPassword): it never appears in an error, a log or a summary. */
  isSecret?: boolean;
}

export interface ExchangeOptions {
  /** Budget for sending and the whole reply; DeviceError('timeout') when it runs out. */
  timeoutMs: number;
  /** Aborting rejects with `signal.reason`. */
  signal: AbortSignal;
  /**
   * The Topic/FullTopic a command is about to give the device (MQTT): the firmware already publishes the
   * command's own result under the new one.
   */
  renamingTo?: TopicChange;
}

/** A new Topic and/or FullTopic; null or absent keeps the current one. */
export interface TopicChange {
  topic?: string | null;
  fullTopic?: string | null;
}

/** Something the device announced on its own, used to notice a restart early. */
export type TasmotaEvent =
  /** LWT `Online` (live, not retained) or the boot lines on the console. */
  | { kind: 'online' }
  /** LWT `Offline` or `APP: Restarting` on the console. */
  | { kind: 'offline' }
  /** `tele/<topic>/INFO1` after a (re)connect, with the firmware version it reports. */
  | { kind: 'info1'; version: string | null };

/**
 * A command channel to one Tasmota device. Every transport speaks the same command language and produces
 * the same JSON results; they differ in how results come back (MQTT `stat/<topic>/<LEVEL>`, console
 * `RSL:`/`MQT:` lines, one merged `/cm` object). Exchanges are sequential: callers never overlap them.
 */
export interface TasmotaChannel {
  readonly transport: TasmotaTransport;
  /** Where the device is reached, for summaries and errors: `MQTT tasmota_B3C4D5 @ brk_1`. Never secret. */
  readonly label: string;
  /**
   * Sends the command and feeds the results it produces to `collector` until it settles. Rejects with a
   * DeviceError: `timeout`, `unreachable`, `bad-reply`, `device-error` (refusals, TasmotaPasswordRefused),
   * or whatever the collector throws; with `signal.reason` on abort.
   */
  exchange<T>(command: TasmotaCommand, collector: ReplyCollector<T>, options: ExchangeOptions): Promise<T>;
  /** Live announcements of the device (none over HTTP). Returns the disposer. */
  watch(listener: (event: TasmotaEvent) => void): () => void;
  /** Follows a Topic/FullTopic change after the restart that applies it (MQTT only; others ignore it). */
  retarget(next: TopicChange): void;
  /** Set once the channel can never answer again (serial port unplugged): waits stop at once. */
  readonly lost: DeviceError | null;
  /** Releases what the channel holds (subscriptions, a serial port it opened). Idempotent. */
  close(): Promise<void>;
}

/** The command as typed: `Name value`, or `Name` for a query. */
export function commandLine(command: TasmotaCommand): string {
  return command.value === '' ? command.name : `${command.name} ${command.value}`;
}

/** The command for messages, with a secret value masked: `"WebPassword ****"`. */
export function commandLabel(command: TasmotaCommand): string {
  return JSON.stringify(
    command.isSecret && command.value !== '' ? `${command.name} ****` : commandLine(command),
  );
}

/** The device answers but refuses the web password (`/cm` WARNING "Need user=…&password=…", or HTTP 401). */
export class TasmotaPasswordRefused extends DeviceError {
  override name = 'TasmotaPasswordRefused';
  constructor(where: string, hadPassword: boolean) {
    super(
      'device-error',
      hadPassword
        ? `${where} refused the web password (check the device's credential set)`
        : `${where} needs a web password (give the device a credential set)`,
    );
  }
}

/** Errors worth trying the next transport for: nothing answered. Refusals and bad replies are answers. */
export function isNoAnswer(error: unknown): error is DeviceError {
  return error instanceof DeviceError && (error.reason === 'unreachable' || error.reason === 'timeout');
}
