import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TimelineEntry, TimelinePage } from '../../../../shared/domain/history';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { artifactsStore } from '../../stores/artifacts-store';
import { historyStore } from '../../stores/history-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { DeviceTimelineSection } from './device-timeline-section';

afterEach(() => {
  resetAll();
  historyStore.setState({ timelines: {} });
});

const DEVICE = 'mac:a8032ab12345';
const entry = (i: number, over: Partial<TimelineEntry['hit']> = {}): TimelineEntry =>
  ({
    hit: {
      jobId: `job_timeline${i}00`,
      jobName: `Run ${i}`,
      jobState: 'completed',
      deviceId: DEVICE,
      deviceName: 'Hall Plug',
      state: 'failed',
      reason: 'timeout',
      skipReason: null,
      message: 'no reply in 30 s',
      result: null,
      artifactId: null,
      at: 1_000 * i,
      finishedAt: null,
      ...over,
    },
    actions: ['collect'],
    stepIndex: 0,
    attempt: 1,
    steps: [
      {
        seq: 1,
        at: 10,
        deviceId: DEVICE,
        event: 'started',
        from: 'queued',
        to: 'running',
        detail: '{"step":0,"attempt":1}',
      },
    ],
    artifacts: [
      {
        id: `art_timeline${i}00`,
        deviceId: DEVICE,
        jobId: null,
        kind: 'shelly-snapshot',
        size: 10,
        sha256: 'x',
        createdAt: 1,
      },
    ],
  }) as TimelineEntry;

describe('device timeline section', () => {
  it('lists the runs of the device newest first, with why, the step journal and the snapshot to open', async () => {
    const page: TimelinePage = { total: 3, offset: 0, entries: [entry(2), entry(1)] };
    const transport = new FakeTransport({
      'history.deviceTimeline': () => ok(page),
      'artifacts.get': () => ok({ meta: page.entries[0]!.artifacts[0], content: { a: 1 } }),
    });
    setTransport(transport);
    await act(async () => {
      render(<DeviceTimelineSection deviceId={DEVICE} deviceName="Hall Plug" />);
    });
    expect(transport.invoked[0]).toEqual({
      name: 'history.deviceTimeline',
      input: { deviceId: DEVICE, limit: 20 },
    });
    const items = within(screen.getByRole('list', { name: 'Device run history' })).getAllByRole('listitem', {
      hidden: true,
    });
    const runs = items.filter((li) => li.dataset.jobId);
    expect(runs.map((li) => li.dataset.jobId)).toEqual(['job_timeline200', 'job_timeline100']);
    expect(runs[0]!.textContent).toContain('no reply in 30 s');
    expect(runs[0]!.textContent).toContain('Steps (1 lines)');
    expect(runs[0]!.textContent).toMatch(/Hall Plug.*snapshot/);
    await act(async () => {
      fireEvent.click(within(runs[0]!).getByRole('button', { name: 'View' }));
    });
    expect(artifactsStore.getState().openArtifactId).toBe('art_timeline200');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Show older runs (1 more)' }));
    });
    expect(transport.invoked.at(-1)).toEqual({
      name: 'history.deviceTimeline',
      input: { deviceId: DEVICE, limit: 22 },
    });
  });
});
