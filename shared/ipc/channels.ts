// Channel names only: the preload imports this file and nothing else, so it must stay dependency-free.

/** Commands the renderer may invoke (`domain.verb`). Each is its own ipcMain.handle channel. */
export const COMMAND_NAMES = [
  'app.getInfo',
  'devices.list',
  'discovery.getStatus',
  'jobs.start',
  'jobs.list',
  'jobs.get',
  'jobs.cancel',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Events main pushes to the renderer (`domain.pastTense`). */
export const EVENT_NAMES = ['devices.updated', 'discovery.statusChanged', 'jobs.progressed'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && (COMMAND_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
