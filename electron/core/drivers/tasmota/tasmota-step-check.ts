import {
  TASMOTA_CONFIG_COMMANDS,
  TASMOTA_RAW_COMMANDS,
  matchTasmotaRule,
  type TasmotaConfigChange,
} from '../../../../shared/domain/device-actions';
import { DeviceError } from '../../device-error';
import { commandLabel, commandLine, type TasmotaCommand } from './tasmota-channel';

/**
 * Pure checks of step parameters before anything is sent. The zod schemas already ran when the job was
 * made, but a persisted job is re-read later and the allow-lists may have narrowed since: the driver is
 * the last gate in front of the device (PROTOCOLS.md §2.4).
 */

/** The firmware's command buffer (INPUT_BUFFER_SIZE): a longer Backlog line would be cut. */
export const MAX_COMMAND_LINE = 520;
/** C0 controls and DEL: the console would drop or act on them. */
const hasControl = (text: string): boolean =>
  [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/** Config commands after this would move the device to another broker (or log it out of this one). */
const MOVES_BROKER = /^(mqtthost|mqttport|mqttuser)$/i;

export interface ConfigPlan {
  commands: TasmotaCommand[];
  /** `Backlog c1 v1; c2 v2` (Reset never inside: it is its own action and the firmware drops it anyway). */
  backlog: TasmotaCommand;
  /** Some command restarts the device (TASMOTA_CONFIG_COMMANDS `restarts`). */
  restarts: boolean;
  /** Some command changes the broker connection: the change cannot be read back over that broker. */
  movesBroker: boolean;
  /** The Topic / FullTopic the device will use after the restart, when the change sets them. */
  topic: string | null;
  fullTopic: string | null;
}

function unsupported(message: string): DeviceError {
  return new DeviceError('unsupported', message);
}

/** Re-checks every command against TASMOTA_CONFIG_COMMANDS and builds the one Backlog that applies them. */
export function planConfigChange(change: TasmotaConfigChange | undefined): ConfigPlan {
  if (change === undefined || change.commands.length === 0) {
    throw unsupported('this config change has no Tasmota settings');
  }
  if (change.commands.length > 30) throw unsupported('a Backlog takes at most 30 commands');
  const commands: TasmotaCommand[] = [];
  let restarts = false;
  for (const { command, value } of change.commands) {
    const name = command.trim();
    const trimmed = value.trim();
    const rule = matchTasmotaRule(TASMOTA_CONFIG_COMMANDS, name, trimmed);
    if (rule === null || /^reset/i.test(name) || trimmed.includes(';') || hasControl(trimmed)) {
      throw unsupported(`${JSON.stringify(`${name} ${trimmed}`)} is not an allowed Tasmota config command`);
    }
    if (trimmed === '') throw unsupported(`${name} needs a value`);
    restarts ||= rule.restarts;
    commands.push({ name, value: trimmed });
  }
  // Every boot but a deep-sleep wake forces SetOption19 back to 0 (xdrv_12_discovery.ino TasDiscoverInit):
  // switched off in a change that restarts, discovery would read back on and the step could never verify.
  const discoveryOff = commands.find((c) => /^setoption19$/i.test(c.name) && /^(1|on|true)$/i.test(c.value));
  if (restarts && discoveryOff) {
    throw unsupported(
      `${commandLabel(discoveryOff)} does not survive the restart this change needs: every boot turns Tasmota discovery back on; send it in a change without a restart`,
    );
  }
  const backlog: TasmotaCommand = { name: 'Backlog', value: commands.map(commandLine).join('; ') };
  if (commandLine(backlog).length > MAX_COMMAND_LINE) {
    throw unsupported(`the Backlog is longer than the device's ${MAX_COMMAND_LINE}-character command line`);
  }
  const last = (pattern: RegExp) =>
    commands
      .filter((c) => pattern.test(c.name))
      .map((c) => c.value)
      .pop() ?? null;
  return {
    commands,
    backlog,
    restarts,
    movesBroker: commands.some((c) => MOVES_BROKER.test(c.name)),
    topic: last(/^topic$/i),
    fullTopic: last(/^fulltopic$/i),
  };
}

/** Re-checks a raw command against TASMOTA_RAW_COMMANDS. */
export function checkRawCommand(command: string, value: string): TasmotaCommand {
  const checked: TasmotaCommand = { name: command.trim(), value: value.trim() };
  if (
    matchTasmotaRule(TASMOTA_RAW_COMMANDS, checked.name, checked.value) === null ||
    hasControl(checked.value) ||
    checked.value.includes(';')
  ) {
    throw unsupported(`${commandLabel(checked)} is not an allowed raw Tasmota command`);
  }
  return checked;
}

/** `Reset <level>` needs the level chosen explicitly (§2.4): 1 defaults … 6 keeps WiFi and MQTT. */
export function checkResetLevel(level: number | undefined): number {
  if (level === undefined) {
    throw unsupported('choose a reset level (Reset 1..6) for Tasmota devices; none was given');
  }
  if (!Number.isInteger(level) || level < 1 || level > 6) {
    throw unsupported(`Reset ${level} is not a factory reset level (1..6)`);
  }
  return level;
}

/** Stock firmware defaults a factory reset returns to (my_user_config.h: FRIENDLY_NAME, MQTT_TOPIC). */
export interface ResetDefaults {
  deviceName: string;
  friendlyName1: string;
  /** Null when the level keeps the topic (6 keeps MQTT host, port, user, password and topic). */
  topic: string | null;
  fullTopic: string | null;
}

/** What `Reset <level>` leaves on a stock build; `mac` in any spelling. */
export function resetDefaults(level: number, mac: string): ResetDefaults {
  const suffix = mac
    .replace(/[^0-9a-f]/gi, '')
    .slice(-6)
    .toUpperCase();
  const keepsTopic = level === 6;
  return {
    deviceName: 'Tasmota',
    friendlyName1: 'Tasmota',
    topic: keepsTopic ? null : `tasmota_${suffix}`,
    fullTopic: keepsTopic ? null : '%prefix%/%topic%/',
  };
}

/** A web password Tasmota can store and compare as given (WebPassword, max 32 characters). */
export function checkWebPassword(password: string): void {
  if (password.length === 0 || password.length > 32) {
    throw unsupported('a Tasmota web password must have 1 to 32 characters');
  }
  if (password !== password.trim() || hasControl(password) || /[^\x20-\x7e]/.test(password)) {
    throw unsupported('a Tasmota web password must be printable ASCII without leading or trailing spaces');
  }
  // `0` and `1` are not passwords to the firmware: they clear or restore the default.
  if (password === '0' || password === '1') throw unsupported('"0" and "1" cannot be Tasmota web passwords');
}
