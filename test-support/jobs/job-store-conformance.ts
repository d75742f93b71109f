import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../shared/domain/device';
import type { ExecutionSummary, JobId, JobSpec, JobState } from '../../shared/domain/job';
import type { JobStore, JournalWrite, NewExecution } from '../../electron/core/jobs/job-store';
import { spec } from './job-engine-test-kit';

/** A fresh, empty store, and how to let it go. */
export interface JobStoreUnderTest {
  store: JobStore;
  close?: () => void;
}

const [a, b, c, d] = [
  'mac:a8032ab10001',
  'mac:a8032ab10002',
  'mac:a8032ab10003',
  'mac:a8032ab10004',
] as DeviceId[];
const JOB = 'job_conformance1' as JobId;
const OTHER = 'job_conformance2' as JobId;

const device = (id: DeviceId, wave = 0, skip: NewExecution['skip'] = null): NewExecution => ({
  id,
  name: `name of ${id}`,
  wave,
  skip,
});

function create(
  jobId: JobId,
  at: number,
  devices: NewExecution[],
  over: { state?: JobState; spec?: JobSpec } = {},
) {
  return {
    kind: 'create',
    jobId,
    spec: over.spec ?? spec(devices.map((x) => x.id)),
    at,
    state: over.state ?? 'scheduled',
    retryOf: null,
    devices,
  } satisfies JournalWrite;
}

function jobWrite(
  jobId: JobId,
  at: number,
  from: JobState,
  to: JobState,
  more: Partial<Extract<JournalWrite, { kind: 'job' }>['fields']> = {},
) {
  return {
    kind: 'job',
    jobId,
    at,
    event: `to-${to}`,
    from,
    to,
    fields: {
      pauseReason: null,
      pauseMessage: null,
      currentWave: 0,
      startedAt: 10,
      finishedAt: null,
      ...more,
    },
  } satisfies JournalWrite;
}

function started(store: JobStore, jobId: JobId, position: number, at: number): JournalWrite {
  const before = store.executions(jobId)[position]!;
  const after: ExecutionSummary = { ...before, state: 'running', attempt: 1, startedAt: at, updatedAt: at };
  return { kind: 'execution', jobId, position, before, after, event: 'started' };
}

/**
 * The behaviour every `JobStore` must show, whatever keeps the data: the SQLite store and the in-memory one
 * both run it, so engine tests on the in-memory store say what the app does on SQLite.
 */
export function describeJobStoreConformance(name: string, make: () => JobStoreUnderTest): void {
  describe(`JobStore conformance: ${name}`, () => {
    let subject: JobStoreUnderTest;
    let store: JobStore;
    beforeEach(() => {
      subject = make();
      store = subject.store;
    });
    afterEach(() => subject.close?.());

    it('creates a job with its devices in order, skipped ones ended at creation, and journals it', () => {
      const skip = { reason: 'incompatible', message: 'no image for it' } as const;
      store.commit([create(JOB, 5, [device(b), device(a, 1, skip), device(c, 1)])]);
      expect(store.find(JOB)).toEqual({
        id: JOB,
        state: 'scheduled',
        pauseReason: null,
        currentWave: 0,
        startedAt: null,
        abortBaseline: null,
        spec: spec([b, a, c]),
      });
      const detail = store.detail(JOB)!;
      expect(detail.executions.map((e) => [e.deviceId, e.state, e.wave])).toEqual([
        [b, 'queued', 0],
        [a, 'skipped', 1],
        [c, 'queued', 1],
      ]);
      expect(detail.executions[1]).toMatchObject({
        skipReason: 'incompatible',
        message: 'no image for it',
        finishedAt: 5,
      });
      expect(detail.job).toMatchObject({
        id: JOB,
        state: 'scheduled',
        total: 3,
        createdAt: 5,
        retryOf: null,
      });
      expect(detail.job.counts).toMatchObject({ queued: 2, skipped: 1 });
      expect(detail.job.waves.map((w) => [w.size, w.state])).toEqual([
        [1, 'open'],
        [2, 'pending'],
      ]);
      expect(store.executions(JOB)).toEqual(detail.executions);
      expect(store.log(JOB, 0, 10)).toMatchObject([
        { deviceId: null, at: 5, event: 'created', from: null, to: 'scheduled' },
      ]);
    });

    it('appends devices after the others, queued, each journaled as added', () => {
      store.commit([create(JOB, 5, [device(a), device(b)])]);
      store.commit([
        { kind: 'append', jobId: JOB, at: 9, firstPosition: 2, devices: [device(d, 1), device(c, 1)] },
      ]);
      expect(store.executions(JOB).map((e) => [e.deviceId, e.state, e.updatedAt])).toEqual([
        [a, 'queued', 5],
        [b, 'queued', 5],
        [d, 'queued', 9],
        [c, 'queued', 9],
      ]);
      expect(store.detail(JOB)!.job.total).toBe(4);
      expect(store.log(JOB, 0, 10).map((l) => [l.event, l.deviceId])).toEqual([
        ['created', null],
        ['added', d],
        ['added', c],
      ]);
    });

    it('writes an execution change (not its live progress) and journals the transition', () => {
      store.commit([create(JOB, 5, [device(a), device(b)])]);
      const write = started(store, JOB, 1, 20);
      if (write.kind !== 'execution') throw new Error('expected an execution write');
      const withProgress = {
        ...write,
        after: { ...write.after, progress: { message: 'sending', percent: 10 } },
      };
      store.commit([withProgress]);
      expect(store.executions(JOB)[1]).toEqual({ ...write.after, progress: null });
      expect(store.detail(JOB)!.job.counts).toMatchObject({ queued: 1, running: 1 });
      expect(store.log(JOB, 0, 10).at(-1)).toMatchObject({
        deviceId: b,
        at: 20,
        event: 'started',
        from: 'queued',
        to: 'running',
        detail: JSON.stringify({ step: 0, attempt: 1 }),
      });
    });

    it('writes a job change; the abort baseline stays unless one is given', () => {
      store.commit([create(JOB, 5, [device(a)])]);
      const baseline = { succeeded: 3, failed: 1, byReason: { timeout: 1 } };
      store.commit([jobWrite(JOB, 10, 'scheduled', 'running', { abortBaseline: baseline })]);
      store.commit([
        jobWrite(JOB, 11, 'running', 'paused', {
          pauseReason: 'user',
          pauseMessage: 'paused by the technician',
        }),
      ]);
      expect(store.find(JOB)).toMatchObject({
        state: 'paused',
        pauseReason: 'user',
        startedAt: 10,
        abortBaseline: baseline,
      });
      expect(store.detail(JOB)!.job).toMatchObject({
        state: 'paused',
        pauseMessage: 'paused by the technician',
      });
      expect(store.log(JOB, 0, 10).at(-1)).toMatchObject({
        event: 'to-paused',
        from: 'running',
        to: 'paused',
        detail: 'paused by the technician',
      });
    });

    it('keeps the latest announcement per device and journals none', () => {
      store.commit([create(JOB, 5, [device(a), device(b)])]);
      store.commit([{ kind: 'announce', jobId: JOB, deviceIds: [a, b], at: 6 }]);
      store.commit([{ kind: 'announce', jobId: JOB, deviceIds: [b], at: 8 }]);
      expect(store.announcements(JOB)).toEqual(
        new Map([
          [a, 6],
          [b, 8],
        ]),
      );
      expect(store.log(JOB, 0, 10)).toHaveLength(1);
    });

    it('commits a batch of every kind at once, in order', () => {
      let seen: number | null = null;
      store.commit(
        [
          create(JOB, 5, [device(a)], { state: 'running' }),
          { kind: 'append', jobId: JOB, at: 6, firstPosition: 1, devices: [device(b)] },
          { kind: 'announce', jobId: JOB, deviceIds: [b], at: 6 },
        ],
        // Runs inside the transaction, after the rows: it sees what the batch wrote.
        () => (seen = store.executions(JOB).length),
      );
      expect(seen).toBe(2);
      expect(store.log(JOB, 0, 10).map((l) => l.event)).toEqual(['created', 'added']);
    });

    it('keeps nothing of a batch when its in-transaction hook throws, and rethrows', () => {
      store.commit([create(OTHER, 1, [device(c)])]);
      const before = { list: store.list(), log: store.log(OTHER, 0, 10) };
      const batch: JournalWrite[] = [
        create(JOB, 5, [device(a)], { state: 'running' }),
        { kind: 'announce', jobId: JOB, deviceIds: [a], at: 6 },
        started(store, OTHER, 0, 7),
        jobWrite(OTHER, 7, 'scheduled', 'running'),
      ];
      expect(() =>
        store.commit(batch, () => {
          throw new Error('outbox refused');
        }),
      ).toThrow('outbox refused');
      expect(store.find(JOB)).toBeNull();
      expect(store.detail(JOB)).toBeNull();
      expect(store.announcements(JOB).size).toBe(0);
      expect(store.list()).toEqual(before.list);
      expect(store.log(OTHER, 0, 10)).toEqual(before.log);
      expect(store.executions(OTHER)[0]!.state).toBe('queued');
      expect(store.lastSeq()).toBe(before.log.at(-1)!.seq);
    });

    it("says the newest journal line's seq, across jobs, and 0 when there is none", () => {
      expect(store.lastSeq()).toBe(0);
      store.commit([create(JOB, 5, [device(a)])]);
      store.commit([create(OTHER, 6, [device(b)]), started(store, JOB, 0, 7)]);
      store.commit([{ kind: 'announce', jobId: JOB, deviceIds: [a], at: 8 }]);
      const newest = Math.max(...[JOB, OTHER].flatMap((job) => store.log(job, 0, 10).map((l) => l.seq)));
      expect(store.lastSeq()).toBe(newest);
    });

    it('keeps nothing of a batch when one of its writes names a job it does not hold', () => {
      store.commit([create(OTHER, 1, [device(c)])]);
      const batch: JournalWrite[] = [
        create(JOB, 5, [device(a)]),
        { kind: 'append', jobId: OTHER, at: 6, firstPosition: 1, devices: [device(d)] },
        jobWrite('job_notthereatall' as JobId, 7, 'running', 'paused'),
      ];
      expect(() => store.commit(batch)).toThrow('no job job_notthereatall');
      expect(store.find(JOB)).toBeNull();
      expect(store.executions(OTHER).map((e) => e.deviceId)).toEqual([c]);
      expect(store.log(OTHER, 0, 10).map((l) => l.event)).toEqual(['created']);
      // The store still works after a failed batch.
      store.commit([create(JOB, 8, [device(a)])]);
      expect(store.find(JOB)?.state).toBe('scheduled');
    });

    it('lists jobs newest first and finds the unfinished ones oldest first', () => {
      const states: JobState[] = ['scheduled', 'running', 'paused', 'canceling', 'completed', 'canceled'];
      states.forEach((state, i) =>
        store.commit([create(`job_state${i}aaaa` as JobId, 100 - i, [device(a)], { state })]),
      );
      expect(store.list().map((j) => j.state)).toEqual(states);
      expect(store.unfinished().map((j) => j.state)).toEqual(['canceling', 'paused', 'running', 'scheduled']);
      expect(store.find('job_unknown1' as JobId)).toBeNull();
      expect(store.detail('job_unknown1' as JobId)).toBeNull();
      expect(store.executions('job_unknown1' as JobId)).toEqual([]);
    });

    it('pages the log of one job by seq, oldest first', () => {
      store.commit([create(JOB, 1, [device(a), device(b)]), create(OTHER, 1, [device(c)])]);
      store.commit([jobWrite(JOB, 2, 'scheduled', 'running'), jobWrite(OTHER, 2, 'scheduled', 'running')]);
      store.commit([started(store, JOB, 0, 3), started(store, JOB, 1, 4)]);
      const all = store.log(JOB, 0, 100);
      expect(all.map((l) => l.event)).toEqual(['created', 'to-running', 'started', 'started']);
      expect(all.map((l) => l.seq)).toEqual([...all.map((l) => l.seq)].sort((x, y) => x - y));
      const firstTwo = store.log(JOB, 0, 2);
      expect(firstTwo).toEqual(all.slice(0, 2));
      expect(store.log(JOB, firstTwo[1]!.seq, 100)).toEqual(all.slice(2));
    });
  });
}
