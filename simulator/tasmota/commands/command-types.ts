import type { TasmotaRuntime } from '../tasmota-runtime';

/** Where a command came from; group-topic commands may not change Topic, Hostname or MqttClient (§2.1). */
export type CommandSource = 'own' | 'group' | 'fallback' | 'http' | 'serial' | 'backlog';

/** One command as Tasmota splits it: `FriendlyName2 Hall` → name FriendlyName, index 2, data `Hall`. */
export interface ParsedCommand {
  /** As typed (case kept, index removed). */
  name: string;
  index: number | undefined;
  data: string;
  source: CommandSource;
}

/**
 * A message the command produced. `topic` is the last topic level (`RESULT` when absent, or the
 * uppercase command name with SetOption4); a string payload is published as is (e.g. `POWER` = `ON`).
 */
export interface CommandResponse {
  topic?: string;
  command: string;
  payload: Record<string, unknown> | string;
}

export type Handler = (runtime: TasmotaRuntime, command: ParsedCommand) => CommandResponse[];

export const reply = (
  command: string,
  payload: Record<string, unknown>,
  topic?: string,
): CommandResponse[] => [{ command, payload, ...(topic !== undefined ? { topic } : {}) }];

/** `{"<Command>":<value>}` on RESULT, the common success shape. */
export const value = (key: string, v: unknown): CommandResponse[] => reply(key, { [key]: v });

/** A known command with a bad argument (the default response set before dispatch). */
export const error = (): CommandResponse[] => reply('Command', { Command: 'Error' });
export const unknown = (): CommandResponse[] => reply('Command', { Command: 'Unknown' });

/** Tasmota's on/off parsing: 0/off/false, 1/on/true, 2/toggle. Undefined when none of them. */
export function switchValue(data: string): 0 | 1 | 2 | undefined {
  const text = data.trim().toLowerCase();
  if (['0', 'off', 'false'].includes(text)) return 0;
  if (['1', 'on', 'true'].includes(text)) return 1;
  if (['2', 'toggle'].includes(text)) return 2;
  return undefined;
}

/** An integer payload, or undefined. */
export function intValue(data: string): number | undefined {
  return /^[+-]?\d+$/.test(data.trim()) ? Number(data.trim()) : undefined;
}

export const onOff = (on: boolean): string => (on ? 'ON' : 'OFF');
