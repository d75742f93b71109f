import { normalizeMac } from '../../discovery/device-identity';
import { DeviceError } from '../../device-error';
import { bootMarks, type BootMarks } from './tasmota-boot-marks';
import {
  TRANSPORT_NAMES,
  type TasmotaChannel,
  type TasmotaCommand,
  type TopicChange,
} from './tasmota-channel';
import { parseStatus0, type TasmotaStatus } from './tasmota-protocol';
import { backlogReplies, isReplyKeyFor, singleReply, type Json, type ReplyCollector } from './tasmota-reply';
import { collectStatus, statusSectionsWanted, TasmotaLineCut } from './tasmota-status-sections';

/** One full status reading (every section): the raw object, what it says about the device, and its boot marks. */
export interface Status0Reading {
  json: Json;
  status: TasmotaStatus;
  marks: BootMarks;
}

/**
 * One merged status object: `Status0` (index 0) publishes a single STATUS0 on MQTT and logs a single line on
 * the console, where `Status 0` sends a message per section (support_command.ino CmndStatusResponse). `/cm`
 * merges either, so HTTP keeps the spelling every Tasmota version knows.
 */
const STATUS0_MERGED: TasmotaCommand = { name: 'Status0', value: '' };
const STATUS0_SECTIONS: TasmotaCommand = { name: 'Status', value: '0' };
export interface LinkExchangeOptions {
  /** Default: the driver's command timeout. */
  timeoutMs?: number;
  renamingTo?: TopicChange;
}

/** Extra time per Backlog command: the firmware runs them 200 ms apart by default (SetOption34). */
const BACKLOG_GAP_MS = 250;

/**
 * A channel bound to one device for one step: the step's signal and command timeout, and the identity
 * check on every status reading (an address reused by another device must never be acted on).
 */
export class TasmotaLink {
  constructor(
    readonly channel: TasmotaChannel,
    private readonly expectedMac: string | null,
    private readonly signal: AbortSignal,
    private readonly timeoutMs: number,
  ) {}

  /** The same link under another signal (a poll that may be abandoned early). */
  withSignal(signal: AbortSignal): TasmotaLink {
    return new TasmotaLink(this.channel, this.expectedMac, signal, this.timeoutMs);
  }

  /** `over MQTT (tasmota_B3C4D5 @ brk_1)`: how summaries name the transport. */
  get over(): string {
    const { channel } = this;
    const where = channel.label.slice(TRANSPORT_NAMES[channel.transport].length).trim();
    return `over ${TRANSPORT_NAMES[channel.transport]} (${where})`;
  }

  /** Sends `command`; `timeoutMs` defaults to the command timeout, `renamingTo` see ExchangeOptions. */
  exchange<T>(
    command: TasmotaCommand,
    collector: ReplyCollector<T>,
    options: LinkExchangeOptions = {},
  ): Promise<T> {
    const { timeoutMs = this.timeoutMs, renamingTo } = options;
    return this.channel.exchange(command, collector, { timeoutMs, signal: this.signal, renamingTo });
  }

  /**
   * One command and its JSON result (refusals and garbage rejected as DeviceErrors). A Status query waits
   * for every section it asks for and rejects with TasmotaStatusIncomplete when some never came.
   */
  command(command: TasmotaCommand, options?: LinkExchangeOptions): Promise<Json> {
    const wanted = statusSectionsWanted(command, { isMqttOn: this.channel.transport === 'mqtt' });
    if (wanted === null) return this.exchange(command, singleReply(command), options);
    return collectStatus(command, wanted, (collector) => this.exchange(command, collector, options));
  }

  /** The current value of `name` as the device reports it under its reply key. */
  async query(name: string): Promise<unknown> {
    const json = await this.command({ name, value: '' });
    const keys = Object.keys(json);
    const key =
      keys.find((k) => k.toLowerCase() === name.toLowerCase()) ?? keys.find((k) => isReplyKeyFor(name, k));
    return key === undefined ? undefined : json[key];
  }

  /** Sends `backlog` and waits for the result of every command in it. */
  backlog(
    backlog: TasmotaCommand,
    commands: readonly TasmotaCommand[],
    renamingTo?: TopicChange,
  ): Promise<Json> {
    const timeoutMs = this.timeoutMs + commands.length * BACKLOG_GAP_MS;
    return this.exchange(backlog, backlogReplies(commands), { timeoutMs, renamingTo });
  }

  /**
   * Every status section (`Status0`, or `Status 0` over HTTP), decoded and checked to come from the expected
   * device. A device that cuts the long merged line short (a console with a small log buffer) is asked for
   * the sections one message each.
   */
  async status0(timeoutMs?: number): Promise<Status0Reading> {
    const command = this.channel.transport === 'http' ? STATUS0_SECTIONS : STATUS0_MERGED;
    const json = await this.command(command, { timeoutMs }).catch((error: unknown) => {
      if (error instanceof TasmotaLineCut) return this.command(STATUS0_SECTIONS, { timeoutMs });
      throw error;
    });
    const parsed = parseStatus0(json);
    if (!parsed.ok) throw parsed.error;
    const expected = this.expectedMac === null ? null : normalizeMac(this.expectedMac);
    if (expected !== null && parsed.value.device.mac !== expected) {
      throw new DeviceError(
        'identity-mismatch',
        `expected ${expected} ${this.over}, found ${parsed.value.device.mac}`,
      );
    }
    return { json, status: parsed.value, marks: bootMarks(json) };
  }
}
