import { describe, expect, it } from 'vitest';
import type { SyncTargetId, SyncTargetStatus } from '../../../../shared/domain/sync';
import { targetStateWords, waitingWords } from './sync-words';

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
});
