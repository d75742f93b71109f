import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryHit, HistoryUsage } from '../../../../shared/domain/history';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { artifactsStore } from '../../stores/artifacts-store';
import { EMPTY_FILTERS, historyStore } from '../../stores/history-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { openArtifact } from '../artifacts/artifact-intents';
import { searchHistory, showHistory } from './history-intents';
import { HistoryView } from './history-view';

afterEach(() => {
  resetAll();
  historyStore.setState({
    filters: EMPTY_FILTERS,
    results: { state: 'idle' },
    searchId: 0,
    timelines: {},
    snapshotId: null,
  });
});

const ARTIFACT = 'art_history0001';
const HIT = {
  jobId: 'job_snapshot001',
  jobName: 'Collect a snapshot',
  jobState: 'completed',
  deviceId: 'mac:a8032ab10001',
  deviceName: 'Plug 1',
  state: 'succeeded',
  reason: null,
  skipReason: null,
  message: null,
  result: 'collected device info',
  artifactId: ARTIFACT,
  at: 1_000,
  finishedAt: 2_000,
} as unknown as HistoryHit;

function setup() {
  let total = 1;
  setTransport(
    new FakeTransport({
      'history.search': () =>
        ok({ total, offset: 0, hits: total ? [HIT] : [], terms: [], pendingArtifacts: 0 }),
      'history.getRetention': () => ok({ keepDays: null, maxArtifactMb: null }),
      'history.usage': () => ok({ artifacts: 1, executions: 1 } as HistoryUsage),
      'artifacts.get': () =>
        ok({
          meta: {
            id: ARTIFACT,
            deviceId: HIT.deviceId,
            kind: 'tasmota',
            createdAt: 1_500,
            size: 40,
            sha256: 'ab'.repeat(32),
          },
          content: { Status: { Topic: 'plug1' } },
        }),
    }),
  );
  render(<HistoryView />);
  return { noMoreHits: () => (total = 0) };
}

const panel = () => screen.queryByRole('dialog', { name: 'Snapshot from history' });

describe('history snapshot viewer', () => {
  it('opens as a panel that takes the focus, and Escape closes it', async () => {
    setup();
    await act(() => showHistory());
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'View snapshot' }));
    });
    expect(panel()).not.toBeNull();
    expect(document.activeElement).toBe(panel());
    expect(panel()!.textContent).toContain('plug1');
    await act(async () => {
      fireEvent.keyDown(panel()!, { key: 'Escape' });
    });
    expect(panel()).toBeNull();
  });

  it('closes on a new search, also when nothing matches', async () => {
    const { noMoreHits } = setup();
    await act(() => showHistory());
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'View snapshot' }));
    });
    noMoreHits();
    await act(() => searchHistory({ text: 'nothing' }));
    expect(screen.getByTestId('history-summary').textContent).toBe('Nothing in the history matches.');
    expect(panel()).toBeNull();
  });

  it('leaves a snapshot opened in the device drawer out of History', async () => {
    setup();
    await act(() => showHistory());
    await act(() => openArtifact(ARTIFACT));
    expect(artifactsStore.getState().openArtifactId).toBe(ARTIFACT);
    expect(panel()).toBeNull();
    expect(screen.queryByRole('region', { name: 'Snapshot' })).toBeNull();
  });
});
