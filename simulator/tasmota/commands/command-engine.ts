import type { TasmotaRuntime } from '../tasmota-runtime';
import {
  type CommandResponse,
  type CommandSource,
  type Handler,
  type ParsedCommand,
  unknown,
} from './command-types';
import { configCommands } from './config-commands';
import { systemCommands, topicCommands } from './system-commands';

/** Lower-case name → handler; `Backlog` is handled by the device (it is asynchronous). */
const HANDLERS: Record<string, Handler> = { ...configCommands, ...systemCommands, ...topicCommands };

/** Longest command line the firmware buffers (INPUT_BUFFER_SIZE); longer input is cut. */
export const MAX_COMMAND_LENGTH = 520;

/**
 * Splits a command line the way the firmware does: the command is everything before the first space,
 * its trailing digits are the index, the rest (trimmed) is the data. Returns undefined for a blank line.
 */
export function parseCommandLine(line: string, source: CommandSource): ParsedCommand | undefined {
  const text = line.slice(0, MAX_COMMAND_LENGTH).trim();
  if (text === '') return undefined;
  const space = text.search(/\s/);
  const head = space < 0 ? text : text.slice(0, space);
  const data = space < 0 ? '' : text.slice(space + 1).trim();
  const match = /^(.*?)(\d+)$/.exec(head);
  if (match !== null && match[1] !== '') return { name: match[1], index: Number(match[2]), data, source };
  return { name: head, index: undefined, data: data === '?' ? '' : data, source };
}

export function isBacklog(command: ParsedCommand): boolean {
  return command.name.toLowerCase() === 'backlog';
}

/** Splits `Backlog` data into commands: `;`-separated, at most 30, `Reset` dropped as the firmware does. */
export function backlogEntries(data: string): string[] {
  return data
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .filter((entry) => !/^reset\d*(\s|$)/i.test(entry))
    .slice(0, 30);
}

/** Runs one (non-Backlog) command; unknown commands give `{"Command":"Unknown"}` (§2.4). */
export function executeCommand(runtime: TasmotaRuntime, command: ParsedCommand): CommandResponse[] {
  const handler = HANDLERS[command.name.toLowerCase()];
  if (handler === undefined) return unknown();
  return handler(runtime, { ...command, data: command.data === '?' ? '' : command.data });
}
