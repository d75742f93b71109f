/**
 * What each audited command did, in the words a technician reads: the audit view and the handover report's
 * PDF both show these (one table). Unknown names show as they are.
 */
const ACTION_WORDS: Readonly<Record<string, string>> = {
  'jobs.start': 'Started a job',
  'jobs.pause': 'Paused a job',
  'jobs.resume': 'Resumed a job',
  'jobs.cancel': 'Canceled a job',
  'jobs.nextWave': 'Opened the next wave',
  'jobs.retryFailed': 'Retried failed devices',
  'jobs.controlDevice': 'Held, released or canceled a device',
  'jobs.updateSettings': 'Changed job settings',
  'templates.save': 'Saved a template',
  'templates.restore': 'Restored a template version',
  'templates.delete': 'Deleted a template',
  'templates.import': 'Imported a template',
  'credentials.save': 'Saved a credential set',
  'credentials.delete': 'Deleted a credential set',
  'credentials.assign': 'Assigned credentials',
  'devices.update': 'Edited a device',
  'devices.forget': 'Forgot devices',
  'devices.restore': 'Brought forgotten devices back',
  'groups.create': 'Created a group',
  'groups.update': 'Changed a group',
  'groups.delete': 'Deleted a group',
  'groups.restore': 'Brought a deleted group back',
  'discovery.updateSettings': 'Changed discovery settings',
  'discovery.saveBroker': 'Saved a broker',
  'discovery.removeBroker': 'Removed a broker',
  'discovery.addManual': 'Added a device by address',
  'discovery.importCsv': 'Imported devices from CSV',
  'firmware.finishUpload': 'Imported a firmware image',
  'firmware.update': 'Changed a firmware image',
  'firmware.remove': 'Removed a firmware image',
  'firmware.updateServer': 'Changed the firmware server',
  'sync.saveTarget': 'Saved a sync target',
  'sync.removeTarget': 'Removed a sync target',
  'sync.syncNow': 'Synced now',
  'bundle.import': 'Imported a site bundle',
  'broker.start': 'Started the built-in broker',
  'broker.stop': 'Stopped the built-in broker',
  'history.setRetention': 'Changed history retention',
  'session.setOperator': 'Named the operator',
};

export function actionWords(action: string): string {
  return ACTION_WORDS[action] ?? action;
}
