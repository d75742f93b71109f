import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryHit, HistoryPage, HistoryUsage } from '../../../../shared/domain/history';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import {
  EMPTY_FILTERS,
  historyPageLoaded,
  historySearchStarted,
  historyStore,
} from '../../stores/history-store';
import type { JobSummary } from '../../../../shared/domain/job';
import { jobsStore } from '../../stores/jobs-store';
import { uiStore } from '../../stores/ui-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { showHistory } from './history-intents';
import { HistoryView } from './history-view';
import { dayStart, toQuery } from './history-query';

afterEach(() => {
  resetAll();
  historyStore.setState({ filters: EMPTY_FILTERS, results: { state: 'idle' }, searchId: 0, timelines: {} });
});

const hit = (i: number, over: Partial<HistoryHit> = {}): HistoryHit =>
  ({
    jobId: `job_history${String(i).padStart(3, '0')}`,
    jobName: 'Nightly snapshot',
    jobState: 'completed',
    deviceId: `mac:a8032ab1${String(i).padStart(4, '0')}`,
    deviceName: `Plug ${i}`,
    state: 'succeeded',
    reason: null,
    skipReason: null,
    message: null,
    result: 'running 1.6.0',
    artifactId: null,
    at: 1_000 + i,
    finishedAt: 2_000 + i,
    ...over,
  }) as HistoryHit;

const USAGE: HistoryUsage = {
  databaseBytes: 3 * 1024 * 1024,
  freeBytes: 0,
  artifactBytes: 20_480,
  runs: 4,
  unfinishedRuns: 1,
  heldForSync: 0,
  executions: 40,
  artifacts: 3,
  oldestRunAt: 1_000,
  lastRetention: null,
};

let usageOverride: Partial<HistoryUsage> = {};

function setup(total = 2) {
  usageOverride = {};
  const page = (offset: number): HistoryPage => ({
    total,
    offset,
    hits: Array.from({ length: Math.min(200, total - offset) }, (_, i) => hit(offset + i)),
    terms: [],
    pendingArtifacts: 0,
  });
  const transport = new FakeTransport({
    'history.search': (input) => ok(page((input as { offset: number }).offset)),
    'history.getRetention': () => ok({ keepDays: null, maxArtifactMb: null }),
    'history.usage': () => ok({ ...USAGE, ...usageOverride }),
    'history.setRetention': () => ok({ ...USAGE, runs: 3 }),
  });
  setTransport(transport);
  render(<HistoryView />);
  return transport;
}

const searches = (t: FakeTransport) =>
  t.invoked.filter((c) => c.name === 'history.search').map((c) => c.input);

describe('history view', () => {
  it('opens with the newest device runs, each with its run, device, outcome, and the size on disk', async () => {
    setup();
    await act(() => showHistory());
    expect(uiStore.getState().view).toBe('history');
    expect(screen.getByTestId('history-summary').textContent).toBe('2 device runs found, newest first.');
    const rows = within(screen.getByRole('list', { name: 'History results' })).getAllByRole('listitem');
    expect(rows.map((r) => r.dataset.deviceId)).toEqual(['mac:a8032ab10000', 'mac:a8032ab10001']);
    expect(rows[0]!.textContent).toContain('Nightly snapshot');
    expect(rows[0]!.textContent).toContain('running 1.6.0');
    expect(screen.getByTestId('history-usage').textContent).toContain('3.0 MiB');
    expect(screen.getByTestId('history-usage').textContent).toContain('20.0 KiB in 3 files');
  });

  it('sends the words, outcomes and whole days the form holds', async () => {
    const transport = setup();
    await act(() => showHistory());
    fireEvent.change(screen.getByLabelText('Words'), { target: { value: '  hall "boiler  ' } });
    await act(async () => {
      fireEvent.click(screen.getByLabelText('failed'));
    });
    await act(async () => {
      fireEvent.submit(screen.getByRole('search', { name: 'Search history' }));
    });
    expect(searches(transport).at(-1)).toEqual({
      text: 'hall "boiler',
      outcomes: ['failed'],
      offset: 0,
      limit: 200,
    });
    const from = dayStart('2026-12-01')!;
    expect(toQuery({ ...EMPTY_FILTERS, fromDay: '2026-12-01', toDay: '2026-12-01' }, 0, 10)).toMatchObject({
      from,
      to: from + 86_400_000 - 1,
    });
    expect(dayStart('not a day')).toBeNull();
    expect(toQuery({ ...EMPTY_FILTERS, fromDay: 'garbage' }, 0, 10)).not.toHaveProperty('from');
  });

  it('loads the next page when the list nears its end, and drops a page of an older search', async () => {
    const transport = setup(250);
    await act(() => showHistory());
    expect(searches(transport).map((q) => (q as { offset: number }).offset)).toEqual([0]);
    // Only rows near the view are rendered; a scroll to the end asks for the rest.
    const list = screen.getByTestId('history-results');
    await act(async () => {
      list.scrollTop = 200 * 58;
      fireEvent.scroll(list);
    });
    expect(searches(transport).map((q) => (q as { offset: number }).offset)).toEqual([0, 200]);
    expect(historyStore.getState().results).toMatchObject({ state: 'loaded', total: 250 });

    const old = historyStore.getState().searchId;
    historySearchStarted();
    historyPageLoaded(old, { total: 1, offset: 0, hits: [hit(9)], terms: [], pendingArtifacts: 0 });
    expect(historyStore.getState().results).toEqual({ state: 'loading', hits: [] });
  });

  it('names the wrong retention field at that field, keeps Save pressable, and saves empty fields as no limit', async () => {
    const transport = setup();
    await act(() => showHistory());
    const days = screen.getByLabelText('Keep finished runs for (days)');
    const mb = screen.getByLabelText('Keep snapshots up to (MB)');
    fireEvent.change(days, { target: { value: '0.5' } });
    expect(days.getAttribute('aria-invalid')).toBe('true');
    expect(mb.getAttribute('aria-invalid')).toBe('false');
    const message = document.getElementById(days.getAttribute('aria-describedby')!)!;
    expect(message.textContent).toMatch(/A whole number of at least 1/);
    expect(days.closest('label')!.contains(message)).toBe(true);
    expect(mb.closest('label')!.textContent).not.toMatch(/whole number/);
    const save = screen.getByRole('button', { name: 'Save and apply' });
    expect(save).toHaveProperty('disabled', false);
    await act(async () => {
      fireEvent.click(save);
    });
    expect(document.activeElement).toBe(days);
    expect(transport.invoked.some((c) => c.name === 'history.setRetention')).toBe(false);
    fireEvent.change(days, { target: { value: '30' } });
    await act(async () => {
      fireEvent.click(save);
    });
    expect(transport.invoked.find((c) => c.name === 'history.setRetention')?.input).toEqual({
      keepDays: 30,
      maxArtifactMb: null,
    });
    expect(historyStore.getState().retention).toEqual({ keepDays: 30, maxArtifactMb: null });
    expect(screen.getByTestId('history-usage').textContent).toContain('3 (1 not finished)');
  });

  it('counts in words that agree with the number (1 file, 1 device run)', async () => {
    setup();
    usageOverride = { artifacts: 1, executions: 1, artifactBytes: 4710 };
    await act(() => showHistory());
    expect(screen.getByTestId('history-usage').textContent).toContain('4.6 KiB in 1 file');
    expect(screen.getByTestId('history-usage').textContent).toContain('1 device run');
    expect(screen.getByTestId('history-usage').textContent).not.toContain('1 files');
  });

  it('offers the end states a run is searched by, not live ones', async () => {
    setup();
    await act(() => showHistory());
    const outcome = screen.getByRole('group', { name: 'Outcome' });
    const labels = within(outcome)
      .getAllByRole('checkbox')
      .map((box) => box.closest('label')!.textContent);
    expect(labels).toEqual(['succeeded', 'failed', 'timed out', 'skipped', 'canceled']);
  });

  it('reads the sizes again when a job ends while History is shown', async () => {
    const transport = setup();
    await act(() => showHistory());
    const usageCalls = () => transport.invoked.filter((c) => c.name === 'history.usage').length;
    const before = usageCalls();
    const job = { id: 'job_ending0001', state: 'running' } as unknown as JobSummary;
    await act(async () => {
      jobsStore.setState({ byId: { [job.id]: job } });
    });
    expect(usageCalls()).toBe(before);
    usageOverride = { artifacts: 4 };
    await act(async () => {
      jobsStore.setState({ byId: { [job.id]: { ...job, state: 'completed' } } });
    });
    expect(usageCalls()).toBe(before + 1);
    expect(screen.getByTestId('history-usage').textContent).toContain('in 4 files');
  });
});
