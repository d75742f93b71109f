import { describe, expect, it } from 'vitest';
import type { JobId } from '../../../shared/domain/job';
import type { JournalWrite } from './job-store';
import { silentLogger } from '../logging/json-logger';
import { JobEventStream } from './job-events';
import { JournalWriter } from './journal-writer';

const stream = () => new JobEventStream(silentLogger);

const change = (event: string): JournalWrite => ({
  kind: 'job',
  jobId: 'job_aaaaaaaa' as JobId,
  at: 1,
  event,
  from: 'running',
  to: 'running',
  fields: { pauseReason: null, pauseMessage: null, currentWave: 0, startedAt: 1, finishedAt: null },
});

/** A repository that records each group commit as the list of its events. */
function recordingRepo(fail = false) {
  const commits: string[][] = [];
  return {
    commits,
    commit(writes: readonly JournalWrite[], inTransaction?: () => void) {
      if (fail) throw new Error('disk full');
      inTransaction?.();
      commits.push(writes.map((w) => ('event' in w ? w.event : w.kind)));
    },
  };
}

describe('JournalWriter', () => {
  it('writes the changes of one tick in one commit and resolves each only after it', async () => {
    const repo = recordingRepo();
    const journal = new JournalWriter(repo, stream());
    let resolved = false;
    const first = journal.write(change('a')).then(() => (resolved = true));
    void journal.write(change('b'));
    await Promise.resolve();
    expect(resolved).toBe(false);
    expect(repo.commits).toEqual([]);
    await first;
    expect(repo.commits).toEqual([['a', 'b']]);
  });

  it('runs commit hooks first, so what they write joins the same commit; wake() runs them with nothing pending', async () => {
    const repo = recordingRepo();
    const journal = new JournalWriter(repo, stream());
    let hookWrites: Promise<void> | null = null;
    let calls = 0;
    const stop = journal.onCommit(() => {
      calls += 1;
      if (calls === 1) hookWrites = journal.write(change('from-hook'));
    });
    await journal.write(change('ended'));
    await hookWrites;
    expect(repo.commits).toEqual([['ended', 'from-hook']]);

    journal.wake();
    await new Promise((r) => setImmediate(r));
    expect(calls).toBe(2);

    stop();
    await journal.write(change('later'));
    expect(calls).toBe(2);
  });

  it('rejects every change of a commit that fails', async () => {
    const journal = new JournalWriter(recordingRepo(true), stream());
    const results = await Promise.allSettled([journal.write(change('a')), journal.write(change('b'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
