import { DeviceError } from '../../device-error';
import { commandLabel, type TasmotaCommand } from './tasmota-channel';
import { decodeResult, refusalIn, type Json, type ReplyCollector, type TasmotaResult } from './tasmota-reply';

/**
 * Collects the sections a `Status` command produces, however they arrive (PROTOCOLS.md §2.1, §2.3;
 * arendst/Tasmota support_command.ino CmndStatus / CmndStatusResponse): `Status 0` publishes one message
 * per section (`STATUS` = `{"Status":…}`, `STATUS1` = `{"StatusPRM":…}` … `STATUS11`), `Status0` (index 0)
 * publishes them merged as one `STATUS0`, and `/cm` merges whatever was logged into one object. Sections
 * may come in any order and between telemetry or other commands' results; the collector settles once every
 * section it needs is in, as one merged object.
 */

/** Section key by `Status <n>` (i18n.h D_STATUS<n>_*; `Status 8` answers StatusSNS on STATUS8). */
const SECTION_BY_INDEX: Readonly<Record<number, string>> = {
  1: 'StatusPRM',
  2: 'StatusFWR',
  3: 'StatusLOG',
  4: 'StatusMEM',
  5: 'StatusNET',
  6: 'StatusMQT',
  7: 'StatusTIM',
  8: 'StatusSNS',
  9: 'StatusPTH',
  10: 'StatusSNS',
  11: 'StatusSTS',
  12: 'StatusSTK',
  13: 'StatusSHT',
};

/** What `Status 0` always sends, in the firmware's order. */
const ALWAYS = ['Status', 'StatusPRM', 'StatusFWR', 'StatusLOG', 'StatusMEM', 'StatusNET', 'StatusTIM'];
/**
 * Sent only on some devices: StatusMQT with MQTT enabled, StatusPTH with an energy driver, StatusSTK after a
 * crash, StatusSHT with shutters (CmndStatus skips each otherwise). They are kept when they arrive first.
 */
const SOMETIMES = ['StatusMQT', 'StatusPTH', 'StatusSTK', 'StatusSHT'];
const ORDER = [...ALWAYS.slice(0, 6), 'StatusMQT', 'StatusTIM', 'StatusPTH', 'StatusSNS', 'StatusSTS'];

/** Which sections settle a Status command. */
export interface StatusSectionsWanted {
  /** The sections that must all arrive. */
  required: readonly string[];
  /** Sections kept when they come, not waited for. */
  optional: readonly string[];
}

/**
 * The sections `command` asks for, or null when it is no Status query (another command, or an index the
 * firmware refuses). `Status0` and `Status 0` want every section; `isMqttOn` adds StatusMQT (a device
 * answering over MQTT has MQTT enabled, so it sends one).
 */
export function statusSectionsWanted(
  command: TasmotaCommand,
  options: { isMqttOn?: boolean } = {},
): StatusSectionsWanted | null {
  const match = /^status(\d*)$/i.exec(command.name);
  if (!match) return null;
  const index = match[1] === '' ? 1 : Number(match[1]);
  const value = command.value.trim();
  // CmndStatus: index 0 forces payload 0; no parameter (payload -99) is the plain Status section only.
  const payload = index === 0 ? 0 : value === '' ? -99 : /^\d{1,2}$/.test(value) ? Number(value) : null;
  if (index > 1 || payload === null) return null;
  if (payload === -99) return { required: ['Status'], optional: [] };
  if (payload === 0) {
    const required = [...ALWAYS, 'StatusSNS', 'StatusSTS', ...(options.isMqttOn ? ['StatusMQT'] : [])];
    return { required, optional: SOMETIMES.filter((key) => !required.includes(key)) };
  }
  const key = SECTION_BY_INDEX[payload];
  return key === undefined ? null : { required: [key], optional: [] };
}

/** A Status reply that lacks sections: what came and what did not. */
export class TasmotaStatusIncomplete extends DeviceError {
  override name = 'TasmotaStatusIncomplete';
  constructor(
    reason: 'timeout' | 'bad-reply',
    readonly missing: readonly string[],
    readonly received: readonly string[],
    context: string,
  ) {
    const got = received.length > 0 ? `got ${received.join(', ')}` : 'got no section';
    super(reason, `${context}: missing ${missing.join(', ')} (${got})`);
  }
}

/** A STATUS line the device itself cut short: its log buffer is smaller than the line (older builds). */
export class TasmotaLineCut extends DeviceError {
  override name = 'TasmotaLineCut';
}

/**
 * Runs one Status exchange through a fresh collector; a timeout after some sections arrived becomes
 * TasmotaStatusIncomplete naming the missing ones (nothing at all stays the plain timeout: no answer).
 */
export async function collectStatus(
  command: TasmotaCommand,
  wanted: StatusSectionsWanted,
  exchange: (collector: StatusSectionsCollector) => Promise<Json>,
): Promise<Json> {
  const collector = statusSections(command, wanted);
  try {
    return await exchange(collector);
  } catch (error) {
    if (!(error instanceof DeviceError) || error.reason !== 'timeout' || collector.received().length === 0) {
      throw error;
    }
    throw new TasmotaStatusIncomplete('timeout', collector.missing(), collector.received(), error.message);
  }
}

/** The collector, with what it holds so far for a timeout's message. */
export interface StatusSectionsCollector extends ReplyCollector<Json> {
  /** Required sections not yet received. */
  missing(): string[];
  /** Sections received so far, in arrival order. */
  received(): string[];
}

const isSection = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Log lines longer than the firmware's buffer end in ` ...` (support_tasmota/xdrv_02_9_mqtt.ino, older builds). */
const CUT_MARK = / \.\.\.$/;

/** Collects `wanted` for `command` (see the module comment); refusals and garbage on a STATUS level fail it. */
export function statusSections(
  command: TasmotaCommand,
  wanted: StatusSectionsWanted,
): StatusSectionsCollector {
  const sections = new Map<string, Json>();
  const kept = new Set([...wanted.required, ...wanted.optional]);
  const missing = () => wanted.required.filter((key) => !sections.has(key));
  const merged = (): Json => {
    const keys = [...sections.keys()].sort((a, b) => rank(a) - rank(b));
    return Object.fromEntries(keys.map((key) => [key, sections.get(key)]));
  };
  return {
    missing,
    received: () => [...sections.keys()],
    accept(result) {
      const json = decoded(command, result);
      if (json === null) return undefined;
      const refusal = refusalIn(json);
      if (refusal !== null) {
        throw new DeviceError('device-error', `the device answered ${refusal} to ${commandLabel(command)}`);
      }
      if (result.level !== null && !/^STATUS\d*$/.test(result.level)) return undefined;
      for (const [key, value] of Object.entries(json)) {
        // A repeated section (another client's Status) keeps the one collected first.
        if (kept.has(key) && isSection(value) && !sections.has(key)) sections.set(key, value);
      }
      if (missing().length === 0) return merged();
      // One merged message (STATUS0, or the single `/cm` reply) is all the device has: absent sections are
      // sections it does not send, and whoever reads them names what is missing.
      const isMerged = result.level === null || result.level === 'STATUS0';
      return isMerged && sections.size > 0 ? merged() : undefined;
    },
    finish() {
      throw new TasmotaStatusIncomplete(
        'bad-reply',
        missing(),
        [...sections.keys()],
        `the reply to ${commandLabel(command)} is incomplete`,
      );
    },
  };
}

/** The JSON of a result; a STATUS line that is cut off or garbled fails with the line's name and why. */
function decoded(command: TasmotaCommand, result: TasmotaResult): Json | null {
  try {
    return decodeResult(command, result);
  } catch (error) {
    if (!(error instanceof DeviceError) || result.level === null) throw error;
    const what = `${result.level} of ${commandLabel(command)}`;
    if (CUT_MARK.test(result.payload)) {
      throw new TasmotaLineCut(
        'bad-reply',
        `${what} was cut short by the device (line longer than its log buffer)`,
      );
    }
    throw new DeviceError('bad-reply', `${what} is cut off or garbled: ${error.message}`);
  }
}

function rank(key: string): number {
  const i = ORDER.indexOf(key);
  return i < 0 ? ORDER.length : i;
}
