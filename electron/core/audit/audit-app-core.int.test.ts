import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestAppCore, type TestAppCore } from '../../../test-support/core/test-app-core';
import { silentLogger } from '../logging/json-logger';

const cores: TestAppCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function start(operator?: string): Promise<TestAppCore> {
  const app = await startTestAppCore(operator === undefined ? {} : { operator });
  cores.push(app);
  return app;
}

const PASSWORD = 'correct-horse-battery-staple-7731';

describe('audit in the app core', () => {
  it('records changes with the operator and host, nothing for reads, and verifies the chain', async () => {
    const app = await start('Ana Técnica');
    await app.call('jobs.updateSettings', { resumeAfterCrash: 'ask' });
    await app.call('discovery.updateSettings', { serialAutoProbe: false });
    const group = await app.call('groups.create', { kind: 'static', name: 'Hall', deviceIds: [] });
    await app.call('groups.delete', { id: group.id });
    for (const read of [
      'devices.list',
      'groups.list',
      'jobs.list',
      'credentials.list',
      'templates.list',
    ] as const)
      await app.call(read, {});
    const page = await app.call('audit.list', { limit: 50 });
    expect(page.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'jobs.updateSettings',
        'discovery.updateSettings',
        'groups.create',
        'groups.delete',
      ]),
    );
    expect(page.entries.find((e) => e.action === 'jobs.updateSettings')?.details).toMatchObject({
      resumeAfterCrash: 'ask',
      fields: ['resumeAfterCrash'],
    });
    expect(page.entries.every((e) => !e.action.endsWith('.list'))).toBe(true);
    const created = page.entries.find((e) => e.action === 'groups.create')!;
    expect(created).toMatchObject({
      operator: 'Ana Técnica',
      host: hostname(),
      target: 'Hall',
      outcome: 'ok',
    });
    expect(created.details).toMatchObject({ result: { id: group.id, name: 'Hall' } });
    expect(await app.call('audit.verify', {})).toEqual({
      ok: true,
      entries: page.entries.length,
      checkedAt: expect.any(Number),
    });
  });

  it('verifies the chain when the app opens: a row edited outside the app is named, logged and reported', async () => {
    const first = await startTestAppCore({ operator: 'Ana' });
    for (const name of ['Hall', 'Porch', 'Garage'])
      await first.call('groups.create', { kind: 'static', name, deviceIds: [] });
    await first.core.shutdown();
    const raw = new Database(join(first.dataDir, 'fieldbatch.db'));
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = 'Eve' WHERE seq = 2");
    raw.close();
    const errors: unknown[] = [];
    const logger = {
      ...silentLogger,
      error: (message: string, fields?: unknown) => errors.push({ message, fields }),
    };
    const again = await startTestAppCore({ dataDir: first.dataDir, logger });
    cores.push(again);
    expect(errors).toContainEqual({
      message: 'audit log chain broken',
      fields: expect.objectContaining({ firstBadSeq: 2, problem: 'edited' }),
    });
    expect(await again.call('audit.verify', {})).toMatchObject({ ok: false, firstBadSeq: 2, entries: 1 });
    expect((await again.call('audit.list', {})).entries).toHaveLength(3);
    expect(await again.call('audit.verify', { again: true })).toMatchObject({ ok: false, firstBadSeq: 2 });
    rmSync(first.dataDir, { recursive: true, force: true });
  });

  it('records a refused job command as failed, with the job', async () => {
    const app = await start('Ana');
    const refused = await app.dispatch('jobs.pause', { jobId: 'job_doesnotexist' });
    expect(refused.ok).toBe(false);
    const [entry] = (await app.call('audit.list', { action: 'jobs.' })).entries;
    expect(entry).toMatchObject({ action: 'jobs.pause', outcome: 'failed', jobId: 'job_doesnotexist' });
    expect(entry!.details).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('keeps no trace of a credential password in the audit log or its sync records', async () => {
    const app = await start('Ana');
    const set = await app.call('credentials.save', {
      name: 'Site admin',
      password: PASSWORD,
      siteDefault: true,
    });
    await app.call('credentials.save', { id: set.id, name: 'Site admin', password: `${PASSWORD}-2` });
    const [entry] = (await app.call('audit.list', { action: 'credentials.save' })).entries;
    expect(entry!.details).toMatchObject({
      name: 'Site admin',
      fields: expect.arrayContaining(['password']),
    });
    const db = new Database(join(app.dataDir, 'fieldbatch.db'), { readonly: true });
    const rows = JSON.stringify([
      db.prepare('SELECT * FROM audit_log').all(),
      db.prepare('SELECT * FROM sync_outbox').all(),
    ]);
    db.close();
    expect(rows).toContain('credentials.save');
    expect(rows).not.toContain(PASSWORD);
    expect(readFileSync(join(app.dataDir, 'fieldbatch.db')).includes(PASSWORD)).toBe(false);
  });

  it('asks for an operator name of 1 to 80 characters, trims it and remembers it for the next session', async () => {
    const app = await startTestAppCore();
    expect(await app.call('session.get', {})).toEqual({
      operator: null,
      lastOperator: null,
      host: hostname(),
    });
    for (const name of ['', '   ', 'x'.repeat(81)]) {
      const refused = await app.dispatch('session.setOperator', { name });
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await app.call('session.setOperator', { name: '  Ana  ' })).toMatchObject({ operator: 'Ana' });
    const [entry] = (await app.call('audit.list', {})).entries;
    expect(entry).toMatchObject({ action: 'session.setOperator', operator: 'Ana', target: 'Ana' });
    await app.core.shutdown();
    const again = await startTestAppCore({ dataDir: app.dataDir });
    cores.push(again);
    expect(await again.call('session.get', {})).toMatchObject({ operator: null, lastOperator: 'Ana' });
    rmSync(app.dataDir, { recursive: true, force: true });
  });
});
