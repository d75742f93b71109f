import type { JobId } from '../../../shared/domain/job';
import { idList } from './audit-details';
import type { AuditRule, AuditRules } from './audited-handlers';

type JobCommand = 'jobs.pause' | 'jobs.resume' | 'jobs.cancel' | 'jobs.nextWave' | 'jobs.controlDevice';

/** A command on one job: the job is the target; refused attempts are recorded too. */
function onJob<K extends JobCommand | 'jobs.retryFailed'>(): AuditRule<K> {
  return {
    target: (input) => input.jobId,
    jobId: (input) => input.jobId as JobId,
    auditFailures: true,
  };
}

/** A command whose target is one field of its input (or of its output, when the input has none). */
function on<K extends keyof AuditRules>(
  target: AuditRule<K>['target'],
  extra: Omit<AuditRule<K>, 'target'> = {},
): AuditRule<K> {
  return { target, ...extra };
}

const settingsChange = { withValues: true } as const;

/**
 * Every command's audit decision (see AuditRules). Everything that changes a device, a job, a setting or
 * stored data is audited; reads, plans, previews and scans (which only look) are null.
 */
export const AUDIT_RULES: AuditRules = {
  'app.getInfo': null,
  'devices.list': null,
  'devices.get': null,
  'devices.update': on((i) => i.id),
  'devices.forget': on((i) => (i.ids.length === 1 ? i.ids[0]! : `${i.ids.length} devices`)),
  'devices.restore': on((i) => i.undoId),
  'groups.list': null,
  'groups.create': on((i) => i.name, {
    details: (i) => ('deviceIds' in i ? { devices: idList(i.deviceIds) } : {}),
  }),
  'groups.update': on((i, o) => o?.name ?? i.id),
  'groups.delete': on((i) => i.id),
  'groups.restore': on((i, o) => o?.name ?? i.undoId),
  'discovery.getStatus': null,
  'discovery.getSettings': null,
  'discovery.updateSettings': on(() => 'discovery settings', settingsChange),
  'discovery.saveBroker': on((i, o) => o?.name ?? i.name ?? null),
  'discovery.removeBroker': on((i) => i.id),
  'discovery.listInterfaces': null,
  'discovery.addManual': on((i) => i.host, { withValues: true }),
  'discovery.startScan': null,
  'discovery.cancelScan': null,
  'discovery.importCsv': on((i) => i.fileName, {
    details: (_i, o) => (o ? { imported: idList(o.imported) } : {}),
  }),
  'discovery.probeSerial': null,
  'credentials.list': null,
  'credentials.save': on((i) => i.name),
  'credentials.delete': on((i) => i.id),
  'credentials.assign': on((i) => i.credentialSetId ?? 'site default'),
  'artifacts.list': null,
  'artifacts.get': null,
  'jobs.plan': null,
  'jobs.start': {
    target: (i) => i.spec.name,
    jobId: (_i, o) => o?.jobId ?? null,
    details: (i) => ({
      devices: idList(i.spec.targets.deviceIds),
      groups: idList(i.spec.targets.groupIds),
      steps: i.spec.steps.map((s) => s.action),
    }),
    auditFailures: true,
  },
  'jobs.list': null,
  'jobs.get': null,
  'jobs.log': null,
  'jobs.pause': onJob(),
  'jobs.resume': onJob(),
  'jobs.cancel': onJob(),
  'jobs.nextWave': onJob(),
  'jobs.retryPlan': null,
  'jobs.retryFailed': {
    ...onJob<'jobs.retryFailed'>(),
    details: (_i, o) => ({ newJobId: o?.jobId ?? null }),
  },
  'jobs.controlDevice': { ...onJob<'jobs.controlDevice'>(), target: (i) => i.deviceId },
  'jobs.getSettings': null,
  'jobs.updateSettings': on(() => 'job settings', settingsChange),
  'templates.list': null,
  'templates.get': null,
  'templates.load': null,
  'templates.history': null,
  'templates.save': on((i) => i.name),
  'templates.diff': null,
  'templates.restore': on((i, o) => o?.name ?? i.templateId),
  'templates.delete': on((i) => i.templateId),
  'templates.export': null,
  'templates.import': on((i) => i.fileName),
  'firmware.list': null,
  // The upload's chunks are not audited one by one: finishUpload is the import that adds an image.
  'firmware.beginUpload': null,
  'firmware.uploadChunk': null,
  'firmware.finishUpload': on((_i, o) => (o ? `${o.image.fileName} (${o.image.sha256.slice(0, 12)})` : null)),
  'firmware.update': on((i) => i.sha256),
  'firmware.remove': on((i) => i.sha256),
  'firmware.getServer': null,
  'firmware.updateServer': on(() => 'firmware server', settingsChange),
  'firmware.selfCheck': null,
  'firmware.listDownloads': null,
  'audit.list': null,
  'audit.verify': null,
  'session.get': null,
  'session.setOperator': on((i) => i.name),
  // Exports and uploads only read or stage bytes; import is what changes the install. A refused import is
  // recorded too: someone tried to bring in a damaged or tampered bundle.
  'bundle.export': null,
  'bundle.exportChunk': null,
  'bundle.beginUpload': null,
  'bundle.uploadChunk': null,
  'bundle.preview': null,
  'bundle.import': on((i, o) => (o ? `bundle ${o.manifestSha256.slice(0, 12)}` : i.uploadId), {
    details: (i, o) => ({
      trustSigner: i.trustSigner,
      ...(o ? { signer: o.signerFingerprint, tally: o.tally } : {}),
    }),
    auditFailures: true,
  }),
  'history.search': null,
  'history.deviceTimeline': null,
  'history.getRun': null,
  'history.getRetention': null,
  'history.setRetention': on(() => 'history retention', settingsChange),
  'history.usage': null,
  // A report is a file made from what is stored; it changes nothing.
  'reports.export': null,
  'broker.getStatus': null,
  'broker.start': on((i) => `embedded broker on ${i.interfaceAddress}`, {
    details: (i, o) => ({ interfaceAddress: i.interfaceAddress, port: o?.port ?? i.port ?? null }),
  }),
  'broker.stop': on(() => 'embedded broker'),
  'sync.getStatus': null,
  'sync.syncNow': on(() => 'every sync target'),
  'sync.listTargets': null,
  'sync.saveTarget': on((i, o) => o?.name ?? i.name),
  'sync.removeTarget': on((i) => i.id),
};
