import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, type CommandName } from '../../../shared/ipc/channels';
import type { CommandHandlers } from '../../../shared/ipc/contract';
import { DomainError } from '../errors';
import { silentLogger } from '../logging/json-logger';
import type { AuditRecord } from './audit-log';
import { AUDIT_RULES } from './audit-rules';
import { auditedHandlers } from './audited-handlers';

const ctx = { host: 'headless' as const };
const job = { jobId: 'job_aaaaaaaa' };

/** A parsed input for every audited command: a command that gains a rule must gain a sample here. */
const SAMPLES: Partial<Record<CommandName, unknown>> = {
  'devices.update': { id: 'mac:a1', notes: 'by the door' },
  'devices.forget': { ids: ['mac:a1', 'mac:a2'] },
  'devices.restore': { undoId: 'undo_1' },
  'groups.create': { kind: 'static', name: 'Hall', deviceIds: ['mac:a1'] },
  'groups.update': { id: 'grp_aaaaaaaa', name: 'Hall 2' },
  'groups.delete': { id: 'grp_aaaaaaaa' },
  'groups.restore': { undoId: 'undo_2' },
  'discovery.updateSettings': { mdnsEnabled: false, serialAutoProbe: true },
  'discovery.saveBroker': { name: 'Site', url: 'mqtt://192.0.2.2', username: 'u', password: 'hunter2' },
  'discovery.removeBroker': { id: 'brk_aaaaaaaa' },
  'discovery.addManual': { host: '192.0.2.9' },
  'discovery.importCsv': { fileName: 'site.csv', contentBase64: 'YQ==' },
  'credentials.save': { name: 'Site', username: 'admin', password: 'hunter2', siteDefault: true },
  'credentials.delete': { id: 'cred_aaaaaaaa' },
  'credentials.assign': { deviceIds: ['mac:a1'], credentialSetId: null },
  'jobs.start': {
    spec: { name: 'Hall', targets: { deviceIds: ['mac:a1'], groupIds: [] }, steps: [{ action: 'reboot' }] },
    confirmDevices: 1,
  },
  'jobs.pause': job,
  'jobs.resume': job,
  'jobs.cancel': job,
  'jobs.nextWave': job,
  'jobs.retryFailed': { ...job, policy: {}, confirmDevices: 2 },
  'jobs.controlDevice': { ...job, deviceId: 'mac:a1', action: 'hold' },
  'jobs.updateSettings': { maxConcurrent: 4 },
  'templates.save': { name: 'Porch', spec: {}, note: '' },
  'templates.restore': { templateId: 'tpl_aaaaaaaa', version: 2 },
  'templates.delete': { templateId: 'tpl_aaaaaaaa' },
  'templates.import': { fileName: 'porch.yaml', content: 'name: Porch' },
  'firmware.finishUpload': { uploadId: 'upl_aaaaaaaa' },
  'firmware.update': { sha256: 'ab'.repeat(32), notes: 'n' },
  'firmware.remove': { sha256: 'ab'.repeat(32) },
  'firmware.updateServer': { port: 8081 },
  'session.setOperator': { name: 'Ana' },
  'broker.start': { interfaceAddress: '192.0.2.2', username: 'site', password: 'hunter2-broker' },
  'broker.stop': {},
  'history.setRetention': { keepDays: 30, maxMegabytes: 500 },
  'bundle.import': { uploadId: 'upl_bbbbbbbb', trustSigner: true },
  'sync.syncNow': {},
  'sync.saveTarget': { kind: 'mqtt', name: 'Office', url: 'mqtts://office', password: 'hunter2-sync' },
  'sync.removeTarget': { id: 'syn_aaaaaaaa' },
};

/** Handlers that answer `undefined` (or throw `fail` for the named command) and count their calls. */
function stubs(fail?: { name: CommandName; error: Error }) {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    COMMAND_NAMES.map((name) => [
      name,
      async () => {
        calls.push(name);
        if (fail?.name === name) throw fail.error;
        return undefined;
      },
    ]),
  ) as unknown as CommandHandlers;
  return { handlers, calls };
}

function wrap(fail?: { name: CommandName; error: Error }) {
  const records: AuditRecord[] = [];
  const { handlers, calls } = stubs(fail);
  const audit = { append: (r: AuditRecord) => (records.push(r), null as never) };
  const wrapped = auditedHandlers(handlers, AUDIT_RULES, { audit, logger: silentLogger });
  const call = (name: CommandName, input: unknown) =>
    (wrapped[name] as (input: unknown, c: typeof ctx) => Promise<unknown>)(input, ctx);
  return { records, calls, call };
}

const audited = COMMAND_NAMES.filter((name) => AUDIT_RULES[name] !== null);

describe('auditedHandlers', () => {
  it('has a sample for every audited command, and audits what the issue names', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...audited].sort());
    for (const name of [
      'jobs.start',
      'jobs.pause',
      'jobs.controlDevice',
      'templates.save',
      'credentials.save',
    ])
      expect(AUDIT_RULES[name as CommandName]).not.toBeNull();
  });

  it('records one entry per audited command, after the handler ran, with the action and a target', async () => {
    const { records, calls, call } = wrap();
    for (const name of audited) {
      await call(name, SAMPLES[name]);
      expect(calls.at(-1)).toBe(name);
      expect(records).toHaveLength(calls.length);
      expect(records.at(-1)).toMatchObject({ action: name, outcome: 'ok' });
    }
    expect(records.find((r) => r.action === 'jobs.pause')).toMatchObject({
      target: 'job_aaaaaaaa',
      jobId: 'job_aaaaaaaa',
      details: { jobId: 'job_aaaaaaaa', fields: ['jobId'] },
    });
    expect(records.find((r) => r.action === 'jobs.start')?.details).toMatchObject({
      devices: { count: 1, first: ['mac:a1'] },
      steps: ['reboot'],
    });
    expect(records.find((r) => r.action === 'devices.forget')).toMatchObject({
      target: '2 devices',
      details: { ids: { count: 2, first: ['mac:a1', 'mac:a2'] } },
    });
    expect(records.find((r) => r.action === 'jobs.updateSettings')?.details).toMatchObject({
      maxConcurrent: 4,
      fields: ['maxConcurrent'],
    });
  });

  it('never keeps a password, a token or a file body, only that the field was sent', async () => {
    const { records, call } = wrap();
    await call('credentials.save', SAMPLES['credentials.save']);
    await call('discovery.saveBroker', SAMPLES['discovery.saveBroker']);
    await call('discovery.importCsv', SAMPLES['discovery.importCsv']);
    await call('broker.start', SAMPLES['broker.start']);
    await call('sync.saveTarget', SAMPLES['sync.saveTarget']);
    const text = JSON.stringify(records);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('YQ==');
    expect(records[0]!.details).toMatchObject({ name: 'Site', fields: expect.arrayContaining(['password']) });
  });

  it('records nothing for read-only commands', async () => {
    const { records, calls, call } = wrap();
    for (const name of COMMAND_NAMES.filter((n) => AUDIT_RULES[n] === null)) await call(name, {});
    expect(calls.length).toBeGreaterThan(20);
    expect(records).toEqual([]);
  });

  it('records a refused job command as failed with its code, and passes the error on', async () => {
    const error = new DomainError('CONFLICT', 'the job has ended');
    const { records, call } = wrap({ name: 'jobs.cancel', error });
    await expect(call('jobs.cancel', job)).rejects.toBe(error);
    expect(records).toEqual([
      expect.objectContaining({
        action: 'jobs.cancel',
        outcome: 'failed',
        details: expect.objectContaining({ error: { code: 'CONFLICT', message: 'the job has ended' } }),
      }),
    ]);
  });

  it('records nothing when a command that changes no job fails (nothing changed)', async () => {
    const { records, call } = wrap({ name: 'templates.save', error: new DomainError('CONFLICT', 'no') });
    await expect(call('templates.save', SAMPLES['templates.save'])).rejects.toThrow('no');
    expect(records).toEqual([]);
  });

  it('still answers when the entry cannot be written (the command already took effect)', async () => {
    const errors: unknown[] = [];
    const { handlers } = stubs();
    const wrapped = auditedHandlers(handlers, AUDIT_RULES, {
      audit: {
        append: () => {
          throw new Error('disk full');
        },
      },
      logger: { ...silentLogger, error: (_m, f) => errors.push(f) },
    });
    await expect(wrapped['jobs.pause'](job as never, ctx)).resolves.toBeUndefined();
    expect(errors).toEqual([{ action: 'jobs.pause', error: 'Error: disk full' }]);
  });
});
