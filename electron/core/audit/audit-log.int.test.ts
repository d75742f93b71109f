import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobId } from '../../../shared/domain/job';
import { makeTempDir } from '../../../test-support/core/temp-dir';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { AuditRepository } from '../storage/repositories/audit-repository';
import { OutboxRepository } from '../storage/repositories/outbox-repository';
import { hashEntry } from './audit-hash';
import { AuditLog } from './audit-log';
import { AuditReader } from './audit-reader';

const dirs: { cleanup(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function openLog(file: string, operator = 'Ana', rewalkLimit?: number) {
  const db = openDatabase({ file, logger: silentLogger, now: () => 1 });
  let now = 1_000;
  const wakes: number[] = [];
  const log = new AuditLog({
    committed: () => wakes.push(db.prepare('SELECT count(*) AS n FROM audit_log').pluck().get() as number),
    repo: new AuditRepository(db),
    clock: { now: () => (now += 1_000) },
    logger: silentLogger,
    operator: () => operator,
    host: 'site-laptop',
    outbox: new OutboxRepository(db, () => 1),
    ...(rewalkLimit === undefined ? {} : { rewalkLimit }),
  });
  return { db, log, wakes };
}

/** A log with `count` entries in a file, closed, so a test can tamper with the file as an outsider would. */
function fileWithEntries(count: number): string {
  const dir = makeTempDir();
  dirs.push(dir);
  const file = join(dir.path, 'fieldbatch.db');
  const { db, log } = openLog(file);
  for (let i = 1; i <= count; i += 1)
    log.append({
      action: 'jobs.pause',
      target: `job_${i}`,
      jobId: `job_${i}` as JobId,
      outcome: 'ok',
      details: { n: i },
    });
  db.close();
  return file;
}

/** Opens the file raw (no app), drops the triggers as someone bypassing the app would, runs `sql`. */
function tamper(file: string, ...sql: string[]): void {
  const raw = new Database(file);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  for (const s of sql) raw.exec(s);
  raw.close();
}

function verifyFile(file: string) {
  const { db, log } = openLog(file);
  const result = log.verify();
  db.close();
  return result;
}

describe('AuditLog', () => {
  it('chains each entry to the one before, with operator, host and time, and verifies intact', () => {
    const { db, log } = openLog(':memory:');
    const first = log.append({ action: 'session.setOperator', target: 'Ana', outcome: 'ok', details: {} });
    const second = log.append({
      action: 'jobs.pause',
      target: 'job_1',
      outcome: 'failed',
      details: { b: 1, a: 2 },
    });
    expect(first).toMatchObject({
      seq: 1,
      operator: 'Ana',
      host: 'site-laptop',
      at: 2_000,
      prevHash: '0'.repeat(64),
    });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, outcome: 'failed', jobId: null });
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(log.verify()).toEqual({ ok: true, entries: 2, checkedAt: expect.any(Number) });
    expect(new AuditReader(new AuditRepository(db)).entries()).toEqual([first, second]);
    db.close();
  });

  it('enqueues one audit.entry sync record per entry in the same transaction, and wakes the sender after', () => {
    const { db, log, wakes } = openLog(':memory:');
    const entry = log.append({ action: 'jobs.cancel', target: 'job_1', outcome: 'ok', details: {} });
    const [record] = new OutboxRepository(db, () => 1).after(0, 10);
    expect(record).toMatchObject({
      id: `audit:1:${entry.hash.slice(0, 8)}`,
      kind: 'audit.entry',
      at: entry.at,
      body: { schema: 1, ...entry },
    });
    db.exec('DROP TABLE sync_outbox');
    expect(() =>
      log.append({ action: 'jobs.cancel', target: 'job_2', outcome: 'ok', details: {} }),
    ).toThrow();
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    expect(wakes).toEqual([1]);
    db.close();
  });

  it('names the edited entry when a row is changed with the triggers dropped', () => {
    const file = fileWithEntries(5);
    tamper(file, "UPDATE audit_log SET operator = 'Eve' WHERE seq = 3");
    expect(verifyFile(file)).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'edited', entries: 2 });
  });

  it('finds an edit whose row hash was recomputed: the next entry no longer links to it', () => {
    const file = fileWithEntries(4);
    const { db } = openLog(file);
    const [, second] = new AuditReader(new AuditRepository(db)).entries();
    db.close();
    const { hash: _old, ...fields } = second!;
    const forged = hashEntry({ ...fields, details: { n: 99 } });
    tamper(file, `UPDATE audit_log SET details_json = '{"n":99}', hash = '${forged}' WHERE seq = 2`);
    expect(verifyFile(file)).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'edited', entries: 2 });
  });

  it('finds a removed entry, in the middle or at the end', () => {
    const middle = fileWithEntries(5);
    tamper(middle, 'DELETE FROM audit_log WHERE seq = 4');
    expect(verifyFile(middle)).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'missing' });
    const newest = fileWithEntries(5);
    tamper(newest, 'DELETE FROM audit_log WHERE seq >= 4');
    expect(verifyFile(newest)).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      problem: 'missing',
      message: 'entries 4 to 5 were removed',
    });
  });

  it('finds two entries swapped', () => {
    const file = fileWithEntries(4);
    tamper(
      file,
      'UPDATE audit_log SET seq = -2 WHERE seq = 2',
      'UPDATE audit_log SET seq = 2 WHERE seq = 3',
      'UPDATE audit_log SET seq = 3 WHERE seq = -2',
    );
    expect(verifyFile(file)).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'edited' });
  });

  it('walks a small log again when asked after entries were added, so the check time is a full check', () => {
    const { db, log } = openLog(':memory:');
    log.append({ action: 'jobs.start', target: 'x', outcome: 'ok', details: {} });
    const first = log.verify();
    log.append({ action: 'jobs.pause', target: 'x', outcome: 'ok', details: {} });
    db.exec('DROP TRIGGER audit_log_no_update');
    db.exec("UPDATE audit_log SET operator = 'Eve' WHERE seq = 1");
    const again = log.verification();
    expect(again).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(again.checkedAt).toBeGreaterThan(first.checkedAt);
    db.close();
  });

  it('above the re-walk limit, counts entries appended since the walk and says how many it covered', () => {
    const { db, log } = openLog(':memory:', 'Ana', 1);
    log.append({ action: 'jobs.start', target: 'x', outcome: 'ok', details: {} });
    const first = log.verify();
    log.append({ action: 'jobs.pause', target: 'x', outcome: 'ok', details: {} });
    log.append({ action: 'jobs.resume', target: 'x', outcome: 'ok', details: {} });
    expect(log.verification()).toEqual({ ok: true, entries: 3, walked: 1, checkedAt: first.checkedAt });
    expect(log.verify()).toEqual({ ok: true, entries: 3, checkedAt: expect.any(Number) });
    db.close();
  });

  it('keeps the last verification for the UI and goes on appending after a break', () => {
    const file = fileWithEntries(3);
    tamper(file, "UPDATE audit_log SET action = 'jobs.resume' WHERE seq = 1");
    const { db, log } = openLog(file);
    log.verify();
    expect(log.append({ action: 'jobs.start', target: 'x', outcome: 'ok', details: {} }).seq).toBe(4);
    expect(log.verification()).toMatchObject({ ok: false, firstBadSeq: 1 });
    db.close();
  });
});

describe('AuditReader', () => {
  function seeded(): { db: Db; reader: AuditReader } {
    const { db, log } = openLog(':memory:');
    log.append({ action: 'jobs.start', target: 'Hall', jobId: 'job_a' as JobId, outcome: 'ok', details: {} });
    log.append({
      action: 'templates.save',
      target: 'Porch lights',
      outcome: 'ok',
      details: { name: 'Porch lights' },
    });
    log.append({
      action: 'jobs.pause',
      target: 'job_a',
      jobId: 'job_a' as JobId,
      outcome: 'ok',
      details: {},
    });
    log.append({
      action: 'jobs.pause',
      target: 'job_b',
      jobId: 'job_b' as JobId,
      outcome: 'ok',
      details: {},
    });
    return { db, reader: new AuditReader(new AuditRepository(db)) };
  }

  it('gives a job its entries oldest first, and a time window', () => {
    const { db, reader } = seeded();
    expect(reader.entries({ jobId: 'job_a' as JobId }).map((e) => e.action)).toEqual([
      'jobs.start',
      'jobs.pause',
    ]);
    expect(reader.entries({ from: 3_000, to: 5_000 }).map((e) => e.seq)).toEqual([2, 3]);
    db.close();
  });

  it('pages newest first with filters on action (name or prefix) and text', () => {
    const { db, reader } = seeded();
    const first = reader.page({ action: 'jobs.', limit: 2 });
    expect(first.entries.map((e) => e.seq)).toEqual([4, 3]);
    expect(reader.page({ action: 'jobs.', limit: 2, beforeSeq: first.nextBeforeSeq! })).toMatchObject({
      entries: [{ seq: 1 }],
      nextBeforeSeq: null,
    });
    expect(reader.page({ text: 'porch' }).entries.map((e) => e.seq)).toEqual([2]);
    expect(reader.page({ text: '100%_' }).entries).toEqual([]);
    expect(reader.page({ action: 'jobs.pause' }).entries).toHaveLength(2);
    db.close();
  });

  it('filters by operator: the whole name, any letter case', () => {
    const { db, log } = openLog(':memory:', 'Ana Técnica');
    log.append({ action: 'jobs.start', target: 'Hall', outcome: 'ok', details: {} });
    const reader = new AuditReader(new AuditRepository(db));
    expect(reader.page({ operator: 'ana técnica' }).entries).toHaveLength(1);
    expect(reader.page({ operator: 'Ana' }).entries).toEqual([]);
    db.close();
  });
});
