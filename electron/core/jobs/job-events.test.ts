import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { JobId } from '../../../shared/domain/job';
import { spec } from '../../../test-support/jobs/job-engine-test-kit';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { JobRepository } from '../storage/repositories/job-repository';
import { JobEventStream, type JobCommitted } from './job-events';
import { reduceExecution } from './job-state';
import type { JournalWrite } from './job-store';
import { JournalWriter } from './journal-writer';
import { newExecution } from './run-ledger';

const JOB = 'job_events1' as JobId;
const ids = ['mac:a1', 'mac:a2'] as DeviceId[];
const devices = ids.map((id) => ({ id, name: id, wave: 0, skip: null }));
const create: JournalWrite = {
  kind: 'create',
  jobId: JOB,
  spec: spec(ids),
  at: 10,
  state: 'scheduled',
  retryOf: null,
  devices,
};
const started = (position: number, at: number): JournalWrite => {
  const before = newExecution(devices[position]!, 10);
  const after = reduceExecution(before, { type: 'started', at });
  return { kind: 'execution', jobId: JOB, position, before, after, event: 'started' };
};
const begun: JournalWrite = {
  kind: 'job',
  jobId: JOB,
  at: 11,
  event: 'job-started',
  from: 'scheduled',
  to: 'running',
  fields: { pauseReason: null, pauseMessage: null, currentWave: 0, startedAt: 11, finishedAt: null },
};

describe('the job event stream', () => {
  let db: Db;
  let store: JobRepository;
  let stream: JobEventStream;
  let journal: JournalWriter;
  let seen: { phase: 'in' | 'after'; events: readonly JobCommitted[] }[];

  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    store = new JobRepository(db);
    stream = new JobEventStream(silentLogger);
    journal = new JournalWriter(store, stream);
    seen = [];
    stream.subscribe({
      inTransaction: (events) => seen.push({ phase: 'in', events }),
      committed: (events) => seen.push({ phase: 'after', events }),
    });
  });
  afterEach(() => db.close());

  it("numbers a later process's commits above every earlier one (from the store's last journal line)", async () => {
    await journal.write(create);
    await journal.write(started(0, 12));
    const earlier = stream.lastSeq;
    // The next process on the same database: a new stream and writer, numbered from the store.
    const next = new JobEventStream(silentLogger, store.lastSeq());
    const numbers: number[] = [];
    next.subscribe({ committed: (events) => numbers.push(...events.map((e) => e.seq)) });
    await new JournalWriter(store, next).write(started(1, 14));
    expect(numbers).toHaveLength(1);
    expect(numbers[0]).toBeGreaterThan(earlier);
  });

  it('publishes each commit once, in commit order, with what changed per device', async () => {
    void journal.write(create);
    await journal.write({ kind: 'announce', jobId: JOB, deviceIds: ids, at: 10 });
    void journal.write(begun);
    void journal.write(started(1, 12));
    await journal.write(started(0, 13));

    expect(seen.map((s) => [s.phase, s.events.map((e) => e.seq)])).toEqual([
      ['in', [1]],
      ['after', [1]],
      ['in', [2]],
      ['after', [2]],
    ]);
    const [created, moved] = [seen[1]!.events[0]!, seen[3]!.events[0]!];
    expect(created.created?.spec.name).toBe('Reboot');
    expect(created.job).toEqual({ event: 'created', from: null, to: 'scheduled' });
    expect(created.executions.map((c) => [c.position, c.before, c.after.state])).toEqual([
      [0, null, 'queued'],
      [1, null, 'queued'],
    ]);
    expect(moved).toMatchObject({ jobId: JOB, at: 13, created: null });
    expect(moved.job).toEqual({ event: 'job-started', from: 'scheduled', to: 'running' });
    expect(moved.executions.map((c) => [c.position, c.before?.state, c.after.state, c.event])).toEqual([
      [1, 'queued', 'running', 'started'],
      [0, 'queued', 'running', 'started'],
    ]);
    expect(stream.lastSeq).toBe(2);
  });

  it('rolls a commit back when a subscriber in its transaction throws: no rows, writers rejected, no event after', async () => {
    const stop = stream.subscribe({
      inTransaction: () => {
        throw new Error('outbox full');
      },
    });
    const results = await Promise.allSettled([journal.write(create), journal.write(begun)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(store.find(JOB)).toBeNull();
    expect(store.log(JOB, 0, 10)).toEqual([]);
    expect(seen.map((s) => s.phase)).toEqual(['in']);
    expect(stream.lastSeq).toBe(0);

    stop();
    await journal.write(create);
    expect(store.find(JOB)?.state).toBe('scheduled');
    expect(seen.at(-1)).toMatchObject({ phase: 'after', events: [{ seq: 1, jobId: JOB }] });
  });

  it('keeps going when a subscriber fails after the commit', async () => {
    stream.subscribe({
      committed: () => {
        throw new Error('window gone');
      },
    });
    await journal.write(create);
    expect(store.find(JOB)?.state).toBe('scheduled');
    expect(stream.lastSeq).toBe(1);
  });
});
