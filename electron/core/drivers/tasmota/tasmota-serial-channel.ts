import type { Endpoint } from '../../../../shared/domain/device';
import type { SerialSession } from '../../transport/serial-session';
import type { SerialSessionRegistry } from '../../transport/serial-session-registry';
import { DeviceError } from '../../device-error';
import {
  commandLabel,
  commandLine,
  type ExchangeOptions,
  type TasmotaChannel,
  type TasmotaCommand,
  type TasmotaEvent,
} from './tasmota-channel';
import { parseConsoleLine, type ConsoleLine } from './tasmota-console';
import { teleEvent } from './tasmota-mqtt-channel';
import type { ReplyCollector, TasmotaResult } from './tasmota-reply';

export type SerialEndpoint = Extract<Endpoint, { transport: 'serial' }>;

/**
 * A console line as a command result: `RSL: RESULT = {…}` (no MQTT) or `MQT: stat/<topic>/RESULT = {…}`
 * (published). Published telemetry (`MQT: tele/…`) is not a result; everything else is log output or noise.
 */
export function consoleResult(line: ConsoleLine): TasmotaResult | null {
  if (line.kind !== 'result') return null;
  if (line.tag === 'MQT' && line.topic.split('/').includes('tele')) return null;
  return { level: line.command, payload: line.payload };
}

/** Restart signs on the console: `APP: Restarting`, the boot lines, and published LWT/INFO1. */
export function consoleEvent(line: ConsoleLine): TasmotaEvent | null {
  if (line.kind === 'log' && line.tag === 'APP' && /^restarting/i.test(line.text)) return { kind: 'offline' };
  if (line.kind === 'log' && (line.tag === 'HDW' || line.tag === 'CFG')) return { kind: 'online' };
  if (line.kind === 'result') return teleEvent(line.command, line.payload);
  return null;
}

/**
 * Commands on the serial console (PROTOCOLS.md §2.5): write `Command value\n`, read the result from the log
 * output. The port is borrowed from the registry when the serial discovery source holds it open, else
 * opened here and closed again by `close()`. An unplug makes every exchange and wait fail as `unreachable`.
 */
export class SerialChannel implements TasmotaChannel {
  readonly transport = 'serial' as const;
  readonly label: string;
  private unplugged: DeviceError | null = null;
  private readonly onUnplugged = () => {
    this.unplugged ??= new DeviceError('unreachable', `serial port ${this.session.path} was unplugged`);
  };

  private constructor(
    private readonly session: SerialSession,
    private readonly isOwned: boolean,
  ) {
    this.label = `serial ${session.path}`;
    session.once('unplugged', this.onUnplugged);
  }

  /** A channel over a session someone else holds open (the serial discovery probe); close() leaves it open. */
  static borrow(session: SerialSession): SerialChannel {
    return new SerialChannel(session, false);
  }

  /** Borrows the open session on the endpoint's path, or opens one (rejects with DeviceError('unreachable')). */
  static async open(registry: SerialSessionRegistry, endpoint: SerialEndpoint): Promise<SerialChannel> {
    const borrowed = registry.get(endpoint.path);
    if (borrowed) return new SerialChannel(borrowed, false);
    return new SerialChannel(await registry.open(endpoint.path, endpoint.baudRate), true);
  }

  get lost(): DeviceError | null {
    return this.unplugged ?? (this.session.isOpen ? null : this.closedError());
  }

  async exchange<T>(
    command: TasmotaCommand,
    collector: ReplyCollector<T>,
    options: ExchangeOptions,
  ): Promise<T> {
    if (this.lost) throw this.lost;
    try {
      return await this.session.request(
        commandLine(command),
        (line) => {
          const result = consoleResult(parseConsoleLine(line));
          return result === null ? undefined : collector.accept(result);
        },
        options,
      );
    } catch (error) {
      if (this.lost) throw this.lost;
      // The session's own message quotes the line typed, which may hold a secret.
      if (error instanceof DeviceError && error.reason === 'timeout') {
        throw new DeviceError(
          'timeout',
          `no reply to ${commandLabel(command)} on ${this.label} within ${options.timeoutMs} ms`,
        );
      }
      throw error;
    }
  }

  watch(listener: (event: TasmotaEvent) => void): () => void {
    return this.session.onLine((line) => {
      const event = consoleEvent(parseConsoleLine(line));
      if (event) listener(event);
    });
  }

  retarget(): void {}

  async close(): Promise<void> {
    this.session.off('unplugged', this.onUnplugged);
    if (this.isOwned) await this.session.close();
  }

  private closedError(): DeviceError {
    return new DeviceError('unreachable', `serial port ${this.session.path} is closed`);
  }
}
