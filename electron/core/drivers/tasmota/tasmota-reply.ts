import { DeviceError } from '../../device-error';
import { commandLabel, type TasmotaCommand } from './tasmota-channel';
import { parseJsonObject } from './tasmota-protocol';

/**
 * Pure correlation of Tasmota results with the command that caused them (PROTOCOLS.md §2.1, §2.4). Results
 * are matched by JSON key, never by arrival order: telemetry and other clients' results arrive in between.
 */

/** One result message: the last level of its topic and its payload as text. */
export interface TasmotaResult {
  /** `RESULT`, `STATUS0`, `UPGRADE`, `POWER`…; null for HTTP, which merges every result into one object. */
  level: string | null;
  payload: string;
}

/** Decides when a command is answered and what the answer is. */
export interface ReplyCollector<T> {
  /** Every result after the command was sent: a value settles, undefined keeps waiting, a throw fails. */
  accept(result: TasmotaResult): T | undefined;
  /** Transports that answer exactly once (HTTP): the outcome when `accept` kept waiting after that answer. */
  finish(): T;
}

export type Json = Record<string, unknown>;

const snippet = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/** `FriendlyName1` → `FRIENDLYNAME` + `1`. */
function splitIndex(name: string): { base: string; index: string } {
  const match = /^(.*?)(\d*)$/.exec(name.toUpperCase())!;
  return { base: match[1] ?? '', index: match[2] ?? '' };
}

/**
 * True when `key` in a result answers the command `command`. The firmware spells keys its own way
 * (`devicename` → `DeviceName`), adds the index (`Power` → `POWER1` on multi-relay devices, `Gpio` →
 * `GPIO0`) or drops it (`Power1` → `POWER` on a single relay).
 */
export function isReplyKeyFor(command: string, key: string): boolean {
  const c = splitIndex(command);
  const k = splitIndex(key);
  if (c.base !== k.base || c.base === '') return false;
  return c.index === '' || k.index === c.index || k.index === '';
}

/** The device's refusal in a result, if it is one: `{"Command":"Unknown"}`, `{"Command":"Error"}`, a WARNING. */
export function refusalIn(json: Json): string | null {
  const command = json.Command;
  if (typeof command === 'string' && /^(unknown|error)$/i.test(command)) return `{"Command":"${command}"}`;
  if (typeof json.WARNING === 'string') return `{"WARNING":${JSON.stringify(json.WARNING)}}`;
  return null;
}

function refused(command: TasmotaCommand, refusal: string): DeviceError {
  return new DeviceError('device-error', `the device answered ${refusal} to ${commandLabel(command)}`);
}

/** The levels a command's own result may arrive on: RESULT, or `<COMMAND>` with SetOption4, or STATUS<n>. */
function isOwnLevel(command: TasmotaCommand, level: string | null): boolean {
  if (level === null || level === 'RESULT') return true;
  if (/^status\d*$/i.test(command.name)) return /^STATUS\d*$/.test(level);
  return splitIndex(level).base === splitIndex(command.name).base;
}

/**
 * The JSON of a result that may concern `command`; null for one to ignore (a plain `POWER` = `ON`, another
 * command's topic). Garbage where the command's result belongs fails as `bad-reply`, quoting it.
 */
export function decodeResult(command: TasmotaCommand, result: TasmotaResult): Json | null {
  const own = isOwnLevel(command, result.level);
  const json = parseJsonObject(result.payload, `reply to ${commandLabel(command)}`);
  if (json.ok) return json.value;
  if (!own) return null;
  throw new DeviceError(
    'bad-reply',
    `${json.error.message}${json.error.message.includes('not JSON') ? '' : ` (${snippet(result.payload)})`}`,
  );
}

/** True when `json` (from `level`) is the answer to `command` (Status queries: tasmota-status-sections.ts). */
export function answers(command: TasmotaCommand, level: string | null, json: Json): boolean {
  if (!isOwnLevel(command, level)) return false;
  const keys = Object.keys(json);
  // `State` answers with the STATE telemetry object, which has no `State` key.
  if (/^state$/i.test(command.name)) return 'UptimeSec' in json || 'Uptime' in json;
  return keys.some((k) => isReplyKeyFor(command.name, k));
}

/** The JSON result of one command. */
export function singleReply(command: TasmotaCommand): ReplyCollector<Json> {
  let unanswered: Json | null = null;
  return {
    accept(result) {
      const json = decodeResult(command, result);
      if (json === null) return undefined;
      const refusal = refusalIn(json);
      if (refusal !== null) throw refused(command, refusal);
      if (answers(command, result.level, json)) return json;
      if (result.level === null) unanswered = json;
      return undefined;
    },
    finish() {
      throw new DeviceError(
        'bad-reply',
        `the reply ${snippet(unanswered ?? {})} does not answer ${commandLabel(command)}`,
      );
    },
  };
}

/**
 * The results of every command in a Backlog, merged. A refusal is blamed on the first command still
 * unanswered (the firmware runs a Backlog in order). HTTP may return before the Backlog has run (real
 * firmware answers `/cm` with what was logged so far), so there whatever arrived without refusal counts:
 * the caller reads every value back anyway.
 */
export function backlogReplies(commands: readonly TasmotaCommand[]): ReplyCollector<Json> {
  const pending = [...commands];
  const merged: Json = {};
  const backlog: TasmotaCommand = { name: 'Backlog', value: '' };
  return {
    accept(result) {
      const json = decodeResult(pending[0] ?? backlog, result);
      if (json === null) return undefined;
      const refusal = refusalIn(json);
      if (refusal !== null) throw refused(pending[0] ?? backlog, refusal);
      for (let i = pending.length - 1; i >= 0; i -= 1) {
        if (answers(pending[i]!, result.level, json)) pending.splice(i, 1);
      }
      Object.assign(merged, json);
      return pending.length === 0 ? merged : undefined;
    },
    finish: () => merged,
  };
}

/** How `Upgrade 1` ended: `successful` (restarting next) or `started` (HTTP: the final word is not visible). */
export type UpgradeOutcome = 'successful' | 'started';

/**
 * `Upgrade 1`: first `{"Upgrade":"Version <cur> from <url>"}`, then on `stat/<topic>/UPGRADE`
 * `{"Upgrade":"Successful. Restarting"}` or `{"Upgrade":"Failed <reason>"}` (§2.4, §2.7). A hint such as
 * `1 or >14.2.0 to upgrade` is a refusal.
 */
export function upgradeReply(onStarted: () => void): ReplyCollector<UpgradeOutcome> {
  const command: TasmotaCommand = { name: 'Upgrade', value: '1' };
  let isStarted = false;
  return {
    accept(result) {
      const json = decodeResult(command, result);
      if (json === null) return undefined;
      const refusal = refusalIn(json);
      if (refusal !== null) throw refused(command, refusal);
      const text = json.Upgrade;
      if (typeof text !== 'string') return undefined;
      if (/^successful/i.test(text)) return 'successful';
      if (/^failed/i.test(text))
        throw new DeviceError('device-error', `upgrade failed: the device reports "${snippet(text)}"`);
      if (/^version /i.test(text)) {
        if (!isStarted) onStarted();
        isStarted = true;
        return undefined;
      }
      throw new DeviceError('device-error', `the device refused "Upgrade 1": "${snippet(text)}"`);
    },
    finish() {
      if (isStarted) return 'started';
      throw new DeviceError('bad-reply', 'the reply to "Upgrade 1" does not say the upgrade started');
    },
  };
}
