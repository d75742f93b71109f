import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { ExecutionSummary, JobId } from '../../../shared/domain/job';
import { spec } from '../../../test-support/jobs/job-engine-test-kit';
import { JobEventStream } from '../jobs/job-events';
import type { JournalWrite } from '../jobs/job-store';
import { newExecution } from '../jobs/run-ledger';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { JobRepository } from '../storage/repositories/job-repository';
import { OutboxRepository } from '../storage/repositories/outbox-repository';
import { JobOutboxSubscriber } from './job-outbox-subscriber';

const JOB = 'job_outbox01' as JobId;
const ids = ['mac:a1', 'mac:a2'] as DeviceId[];
const devices = ids.map((id) => ({ id, name: `Device ${id}`, wave: 0, skip: null }));
const create: JournalWrite = {
  kind: 'create',
  jobId: JOB,
  spec: spec(ids),
  at: 10,
  state: 'running',
  retryOf: null,
  devices,
};
const finished = (position: number, state: ExecutionSummary['state'], at: number): JournalWrite => {
  const before = newExecution(devices[position]!, 10);
  const after: ExecutionSummary = {
    ...before,
    state,
    attempt: 1,
    startedAt: 11,
    finishedAt: at,
    updatedAt: at,
    result: state === 'succeeded' ? 'running 1.6.0' : null,
    reason: state === 'failed' ? 'unreachable' : null,
    message: state === 'failed' ? 'no reply' : null,
  };
  return { kind: 'execution', jobId: JOB, position, before, after, event: `step-${state}` };
};
const completed: JournalWrite = {
  kind: 'job',
  jobId: JOB,
  at: 30,
  event: 'job-completed',
  from: 'running',
  to: 'completed',
  fields: { pauseReason: null, pauseMessage: null, currentWave: 0, startedAt: 10, finishedAt: 30 },
};

describe('JobOutboxSubscriber', () => {
  let db: Db;
  let store: JobRepository;
  let outbox: OutboxRepository;
  let stream: JobEventStream;
  let wakes: number;
  let operator: string | null;

  const publish = (writes: JournalWrite[]): void =>
    stream.publish(writes, (inTransaction) => store.commit(writes, inTransaction));
  const rows = (): { id: string; kind: string; body: unknown }[] =>
    outbox.after(0, 100).map(({ id, kind, body }) => ({ id, kind, body }));

  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    store = new JobRepository(db);
    outbox = new OutboxRepository(db, () => 1);
    stream = new JobEventStream(silentLogger, store.lastSeq());
    wakes = 0;
    operator = 'Ada';
    stream.subscribe(
      new JobOutboxSubscriber({
        ...{ outbox, jobs: store, wake: () => (wakes += 1) },
        recordedBy: () => ({ operator, host: 'site-laptop' }),
      }),
    );
  });
  afterEach(() => db.close());

  it("writes exactly a commit's records in its transaction and wakes the worker once it is on disk", () => {
    publish([create]);
    expect(rows()).toEqual([
      {
        id: `job:${JOB}:1`,
        kind: 'job.state',
        body: expect.objectContaining({
          schema: 1,
          jobId: JOB,
          jobName: 'Reboot',
          operator: 'Ada',
          host: 'site-laptop',
          from: null,
          to: 'running',
        }),
      },
    ]);
    operator = 'Grace'; // the technician changed: later facts name who recorded them
    publish([finished(0, 'succeeded', 20), finished(1, 'failed', 25), completed]);
    expect(rows().map((r) => r.id)).toEqual([
      `job:${JOB}:1`,
      `job:${JOB}:2`,
      `exec:${JOB}:mac:a1:1:succeeded`,
      `exec:${JOB}:mac:a2:1:failed`,
    ]);
    expect(rows()[2]!.body).toEqual({
      schema: 1,
      jobId: JOB,
      jobName: 'Reboot',
      operator: 'Grace',
      host: 'site-laptop',
      deviceId: 'mac:a1',
      deviceName: 'Device mac:a1',
      state: 'succeeded',
      reason: null,
      skipReason: null,
      message: null,
      wave: 0,
      stepIndex: 0,
      attempt: 1,
      startedAt: 11,
      finishedAt: 20,
      result: 'running 1.6.0',
      artifactId: null,
      firmware: null,
    });
    expect(wakes).toBe(2);
  });

  it('leaves no outbox row and wakes nothing when the commit rolls back', () => {
    publish([create]);
    stream.subscribe({
      inTransaction: () => {
        throw new Error('disk full');
      },
    });
    expect(() => publish([finished(0, 'succeeded', 20), completed])).toThrow('disk full');
    expect(rows().map((r) => r.id)).toEqual([`job:${JOB}:1`]);
    expect(store.find(JOB)?.state).toBe('running');
    expect(wakes).toBe(1);
  });

  it('names a job created before this process from the store; a non-terminal change yields nothing', () => {
    publish([create]);
    const restarted = new JobEventStream(silentLogger, store.lastSeq());
    const subscriber = new JobOutboxSubscriber({ outbox, jobs: store, wake: () => undefined });
    restarted.subscribe(subscriber);
    const running = finished(0, 'running', 15);
    const writes = [running, finished(1, 'succeeded', 20)];
    restarted.publish(writes, (inTransaction) => store.commit(writes, inTransaction));
    expect(rows().slice(1)).toEqual([
      {
        id: `exec:${JOB}:mac:a2:1:succeeded`,
        kind: 'job.execution',
        body: expect.objectContaining({ jobName: 'Reboot', deviceId: 'mac:a2' }),
      },
    ]);
  });
});
