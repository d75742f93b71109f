// Channel names only: the preload imports this file and nothing else, so it must stay dependency-free.

/** Commands the renderer may invoke (`domain.verb`). Each is its own ipcMain.handle channel. */
export const COMMAND_NAMES = [
  'app.getInfo',
  'devices.list',
  'devices.get',
  'devices.update',
  'devices.forget',
  'devices.restore',
  'groups.list',
  'groups.create',
  'groups.update',
  'groups.delete',
  'groups.restore',
  'discovery.getStatus',
  'discovery.getSettings',
  'discovery.updateSettings',
  'discovery.saveBroker',
  'discovery.removeBroker',
  'discovery.listInterfaces',
  'discovery.addManual',
  'discovery.startScan',
  'discovery.cancelScan',
  'discovery.importCsv',
  'discovery.probeSerial',
  'credentials.list',
  'credentials.save',
  'credentials.delete',
  'credentials.assign',
  'artifacts.list',
  'artifacts.get',
  'jobs.plan',
  'jobs.start',
  'jobs.list',
  'jobs.get',
  'jobs.log',
  'jobs.pause',
  'jobs.resume',
  'jobs.cancel',
  'jobs.nextWave',
  'jobs.retryPlan',
  'jobs.retryFailed',
  'jobs.controlDevice',
  'jobs.getSettings',
  'jobs.updateSettings',
  'templates.list',
  'templates.get',
  'templates.load',
  'templates.history',
  'templates.save',
  'templates.diff',
  'templates.restore',
  'templates.delete',
  'templates.export',
  'templates.import',
  'firmware.list',
  'firmware.beginUpload',
  'firmware.uploadChunk',
  'firmware.finishUpload',
  'firmware.update',
  'firmware.remove',
  'firmware.getServer',
  'firmware.updateServer',
  'firmware.selfCheck',
  'firmware.listDownloads',
  // Audit log and the session's operator (issue 11)
  'audit.list',
  'audit.verify',
  'session.get',
  'session.setOperator',
  // Offline site bundles (issue 11)
  'bundle.export',
  'bundle.exportChunk',
  'bundle.beginUpload',
  'bundle.uploadChunk',
  'bundle.preview',
  'bundle.import',
  // The built-in MQTT broker (issue 11)
  'broker.getStatus',
  'broker.start',
  'broker.stop',
  // Run history, device timelines and retention (issue 11)
  'history.search',
  'history.deviceTimeline',
  'history.getRun',
  'history.getRetention',
  'history.setRetention',
  'history.usage',
  // Handover reports (issue 11)
  'reports.export',
  // Outbox sync: targets and status (issue 11)
  'sync.getStatus',
  'sync.syncNow',
  'sync.listTargets',
  'sync.saveTarget',
  'sync.removeTarget',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Events main pushes to the renderer (`domain.pastTense`). */
export const EVENT_NAMES = [
  'devices.updated',
  'devices.removed',
  'groups.changed',
  'discovery.statusChanged',
  'jobs.progressed',
  'sync.statusChanged',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && (COMMAND_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
