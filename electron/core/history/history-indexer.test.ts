import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../logging/json-logger';
import type { HistoryIndexRepository } from '../storage/repositories/history-index-repository';
import { HistoryIndexer } from './history-indexer';

/** A repository that only counts the chunks asked of it; `backlog` chunks are left before it is done. */
function countingRepo(backlog: number) {
  const calls = { chunks: 0 };
  const repo = {
    indexExecutions: () => {
      calls.chunks += 1;
      return { indexed: 1, done: calls.chunks >= backlog };
    },
    pendingArtifacts: () => [],
    pendingArtifactCount: () => 0,
    artifactTextRead: () => undefined,
  } as unknown as HistoryIndexRepository;
  return { calls, indexer: new HistoryIndexer({ repo, artifactsDir: '/nonexistent', logger: silentLogger }) };
}

describe('HistoryIndexer in the background', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => vi.useRealTimers());

  it('waits while a job keeps committing, then indexes once it is quiet', () => {
    const { calls, indexer } = countingRepo(3);
    for (let i = 0; i < 20; i++) {
      indexer.committed();
      vi.advanceTimersByTime(200);
    }
    expect(calls.chunks).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(calls.chunks).toBe(3);
    indexer.stop();
  });

  it('still indexes a chunk every 30 s while commits never stop', () => {
    const { calls, indexer } = countingRepo(1_000);
    for (let i = 0; i < 5 * 40; i++) {
      indexer.committed();
      vi.advanceTimersByTime(200);
    }
    // 40 s of commits: one chunk ran once indexing had waited 30 s, and no more.
    expect(calls.chunks).toBeGreaterThanOrEqual(1);
    expect(calls.chunks).toBeLessThanOrEqual(2);
    indexer.stop();
  });
});
