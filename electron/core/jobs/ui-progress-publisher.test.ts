import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { JobId, JobSummary } from '../../../shared/domain/job';
import { decodeChanges } from '../../../shared/domain/job-progress';
import { emptyCounts } from '../../../shared/domain/job-rules';
import { RecordingSink } from '../../../test-support/core/recording-sink';
import { spec } from '../../../test-support/jobs/job-engine-test-kit';
import type { JobCommitted } from './job-events';
import { reduceExecution } from './job-state';
import { newExecution } from './run-ledger';
import { UiProgressPublisher } from './ui-progress-publisher';

const JOB = 'job_publish1' as JobId;
const summary = (state: JobSummary['state']): JobSummary => ({
  id: JOB,
  name: 'Reboot',
  state,
  pauseReason: null,
  pauseMessage: null,
  steps: [{ action: 'reboot' }],
  policy: null,
  concurrency: 1,
  total: 2,
  counts: emptyCounts(),
  waves: [],
  currentWave: 0,
  retryOf: null,
  createdAt: 1,
  startedAt: null,
  finishedAt: null,
});
const queued = (n: number) =>
  newExecution({ id: `mac:a${n}` as DeviceId, name: `a${n}`, wave: 0, skip: null }, 1);

describe('UiProgressPublisher', () => {
  it('sends each committed job once, with its live summary, the commit’s seq and the newest change per device', () => {
    const sink = new RecordingSink();
    let live: JobSummary | null = null;
    const publisher = new UiProgressPublisher({ events: sink, liveSummary: () => live });
    const created: JobCommitted = {
      seq: 1,
      jobId: JOB,
      at: 1,
      created: { spec: spec(['mac:a0', 'mac:a1'] as DeviceId[]), retryOf: null },
      job: { event: 'created', from: null, to: 'scheduled' },
      executions: [0, 1].map((p) => ({ position: p, before: null, after: queued(p), event: 'created' })),
    };
    // Not run by this process yet: nothing to show (the run shows itself when it begins).
    publisher.committed([created]);
    expect(sink.events).toEqual([]);

    live = summary('running');
    const running = reduceExecution(queued(1), { type: 'started', at: 5 });
    const done = reduceExecution(running, {
      type: 'step-succeeded',
      at: 7,
      totalSteps: 1,
      result: 'ok',
      artifactId: undefined,
    });
    publisher.committed([
      { ...created, seq: 2, created: null, executions: [] },
      {
        seq: 2,
        jobId: JOB,
        at: 7,
        created: null,
        job: null,
        executions: [
          { position: 1, before: queued(1), after: running, event: 'started' },
          { position: 1, before: running, after: done, event: 'step-succeeded' },
        ],
      },
    ]);
    const sent = sink.of('jobs.progressed');
    expect(sent.map((p) => [p.seq, p.job.state])).toEqual([
      [2, 'running'],
      [2, 'running'],
    ]);
    expect(decodeChanges(sent[0]!.changes)).toEqual([]);
    expect(decodeChanges(sent[1]!.changes).map((c) => [c.position, c.change.state])).toEqual([
      [1, 'succeeded'],
    ]);
  });
});
