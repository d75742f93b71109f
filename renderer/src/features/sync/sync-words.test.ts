import { describe, expect, it } from 'vitest';
import type { SyncStatus, SyncTargetId, SyncTargetStatus } from '../../../../shared/domain/sync';
import { newTargetWords, removeWords, targetStateWords, totalWords, waitingWords } from './sync-words';

const NOW = 1_000_000_000;
const status = (over: Partial<SyncTargetStatus>): SyncTargetStatus => ({
  id: 'syn_0000000001' as SyncTargetId,
  name: 'Office',
  kind: 'mqtt',
  state: 'idle',
  pending: 0,
  lastSuccessAt: null,
  lastError: null,
  nextAttemptAt: null,
  ...over,
});

describe('sync words', () => {
  it.each([
    [{ lastSuccessAt: NOW - 120_000 }, 'Synced · last success 2 min ago'],
    [{ lastSuccessAt: NOW - 119_000 }, 'Synced · last success 2 min ago'],
    [{ lastSuccessAt: NOW - 40_000 }, 'Synced · last success 40 s ago'],
    [{}, 'Synced · nothing to send yet'],
    [{ pending: 12 }, '12 results waiting'],
    [{ state: 'delivering', pending: 1 } as const, 'Sending · 1 result waiting'],
    [
      { state: 'waiting', nextAttemptAt: NOW + 30_000, lastError: 'broker unreachable' } as const,
      'Waiting to retry in 30 s: broker unreachable',
    ],
    [
      {
        state: 'waiting',
        nextAttemptAt: NOW + 30_000,
        lastError: 'no acknowledgement from 127.0.0.1:1 for 15 s: connect ECONNREFUSED 127.0.0.1:1',
      } as const,
      'Waiting to retry in 30 s: cannot reach 127.0.0.1:1: connection refused',
    ],
    [
      { state: 'error', lastError: 'hawkBit answered HTTP 401: check the credentials' } as const,
      'Not sending: fix the last error, then Sync now',
    ],
    [{ state: 'disabled' } as const, 'Off · nothing is sent to this target'],
  ])('says %o as "%s"', (over, words) => {
    expect(targetStateWords(status(over), NOW)).toBe(words);
  });

  it('counts results in plain words', () => {
    expect(waitingWords(1)).toBe('1 result waiting');
    expect(waitingWords(0)).toBe('0 results waiting');
  });

  it('never says "All synced" while no target is on', () => {
    const total = (targets: SyncTargetStatus[], totalPending: number): SyncStatus => ({
      targets,
      totalPending,
      kept: totalPending,
    });
    expect(totalWords(total([], 13))).toBe('No sync target · 13 results waiting');
    expect(totalWords(total([], 0))).toBe('No sync target');
    expect(totalWords(total([status({ state: 'disabled' })], 2))).toBe('No sync target · 2 results waiting');
    expect(totalWords(total([status({})], 0))).toBe('All synced');
    expect(totalWords(total([status({ pending: 1 })], 1))).toBe('1 result waiting');
  });

  it('says what a new target receives and what Remove drops', () => {
    expect(newTargetWords(19)).toBe(
      'This target will receive the 19 results still on this computer, then new ones.',
    );
    expect(newTargetWords(0)).toBe('This target will receive results from now on.');
    expect(removeWords('Office', 1)).toBe(
      'Remove Office? 1 result has not reached this target yet. Removing it drops them for this target; other targets still get theirs.',
    );
    expect(removeWords('Office', 0)).toBe(
      'Remove Office? It has every result; nothing more will be sent to it.',
    );
  });
});
