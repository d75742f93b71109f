import { STEP_ACTIONS } from '../../../../shared/domain/device-actions';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArtifactMeta } from '../../../../shared/domain/artifacts';
import type { DeviceSummary } from '../../../../shared/domain/device';
import type { ExecutionSummary } from '../../../../shared/domain/job';
import { progressPayload } from '../../../../shared/domain/job-progress';
import { fail, ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { subscribeToEvents } from '../../api/bridge';
import { devicesLoaded } from '../../stores/devices-store';
import { jobsStore } from '../../stores/jobs-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { detail, device, devicePlan, execution, job, plan } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { DeviceDrawer } from '../device-detail/device-drawer';
import { openDevice } from '../device-detail/device-actions';

afterEach(() => {
  resetAll();
  vi.restoreAllMocks();
});

const JOB = 'job_drawer0001';
const meta: ArtifactMeta = {
  id: 'art_snapshot01',
  deviceId: device(1).id,
  jobId: JOB,
  kind: 'shelly-snapshot',
  size: 120,
  sha256: 'ab'.repeat(32),
  createdAt: 1_700_000_000_000,
};
const content = { status: { sys: { uptime: 12, mac: 'A8032A000001' } }, config: { mqtt: { enable: false } } };

function setup(
  summary: DeviceSummary = device(1),
  answers: ConstructorParameters<typeof FakeTransport>[0] = {},
) {
  let artifacts: ArtifactMeta[] = [];
  const transport = new FakeTransport({
    'devices.get': () => ok(detail(1, { device: summary })),
    'artifacts.list': () => ok(artifacts),
    // The drawer's Run history section asks for the device's runs: none here.
    'history.deviceTimeline': () => ok({ total: 0, offset: 0, entries: [] }),
    'artifacts.get': () => ok({ meta, content }),
    'jobs.plan': () => ok(plan([devicePlan(1)])),
    'jobs.start': () => ok({ jobId: JOB }),
    'jobs.get': () => ok({ job: job(JOB, { total: 1 }), executions: [execution(1)] }),
    'jobs.cancel': () => ok({ state: 'canceling' }),
    ...answers,
  });
  setTransport(transport);
  subscribeToEvents();
  devicesLoaded([summary]);
  render(<DeviceDrawer />);
  return {
    transport,
    storeArtifact: () => (artifacts = [meta]),
    progress: (e: Partial<ExecutionSummary>) =>
      act(() =>
        transport.push(
          'jobs.progressed',
          progressPayload(job(JOB, { total: 1 }), 1, [{ position: 0, execution: execution(1, e) }]),
        ),
      ),
  };
}

async function drawer() {
  await act(() => openDevice(device(1).id));
  return screen.getByRole('dialog', { name: 'Device details' });
}

const started = (transport: FakeTransport) =>
  transport.invoked.filter((c) => c.name === 'jobs.start').map((c) => c.input);

describe('drawer actions', () => {
  it('reboots as a one-device job and shows live progress, then the verified result', async () => {
    const { transport, progress } = setup(device(1, { customName: 'Hall plug', name: 'Hall plug' }));
    const view = await drawer();
    fireEvent.click(within(view).getByRole('button', { name: 'Reboot…' }));
    expect(started(transport)).toEqual([]);
    await act(async () => fireEvent.click(within(view).getByRole('button', { name: 'Reboot now' })));
    const spec = {
      version: 1,
      name: 'Reboot Hall plug',
      targets: { deviceIds: [device(1).id] },
      steps: [{ action: 'reboot' }],
      policy: { concurrency: 1, stepTimeoutMs: 180_000, offline: { mode: 'skip' } },
    };
    expect(transport.invoked.filter((c) => c.name === 'jobs.plan').map((c) => c.input)).toEqual([spec]);
    expect(started(transport)).toEqual([{ spec, confirmDevices: 1 }]);
    expect(jobsStore.getState().selectedJobId).toBe(JOB);
    const run = within(view).getByTestId('action-run');
    expect(run.dataset.state).toBe('queued');
    expect(within(view).getByRole('button', { name: 'Collect snapshot' })).toHaveProperty('disabled', true);

    progress({ state: 'running', progress: { message: 'rebooting', percent: null } });
    expect(within(run).getByTestId('action-progress').textContent).toBe('rebooting');
    progress({ state: 'running', progress: { message: 'downloading', percent: 40 } });
    expect(within(run).getByRole('progressbar', { name: 'Progress' })).toHaveProperty('value', 40);
    expect(within(run).getByTestId('action-progress').textContent).toContain('40 %');

    progress({ state: 'succeeded', result: 'rebooted: uptime 2 s (was 300 s)', updatedAt: 5 });
    expect(run.dataset.state).toBe('succeeded');
    expect(within(run).getByTestId('action-result').textContent).toBe(
      'Verified: rebooted: uptime 2 s (was 300 s)',
    );
    expect(within(view).getByRole('button', { name: 'Collect snapshot' })).toHaveProperty('disabled', false);
  });

  it('shows the failure reason and message as main reported them, and cancels a running action', async () => {
    const { transport, progress } = setup();
    const view = await drawer();
    fireEvent.click(within(view).getByRole('button', { name: 'Reboot…' }));
    await act(async () => fireEvent.click(within(view).getByRole('button', { name: 'Reboot now' })));
    progress({ state: 'running', progress: { message: 'rebooting', percent: null } });
    await act(async () => fireEvent.click(within(view).getByRole('button', { name: 'Cancel action' })));
    expect(transport.invoked.at(-1)).toEqual({ name: 'jobs.cancel', input: { jobId: JOB } });
    progress({
      state: 'failed',
      reason: 'not-verified',
      message: 'uptime did not restart (300s before, 302s after 2.0s)',
    });
    expect(within(view).getByTestId('action-failure').textContent).toBe(
      'Failed: the change could not be verified on the device: uptime did not restart (300s before, 302s after 2.0s)',
    );
  });

  it('says why main refused to start the action', async () => {
    setup(device(1), { 'jobs.start': () => fail('INVALID_INPUT', 'steps.0: not an allowed raw command') });
    const view = await drawer();
    await act(async () => fireEvent.click(within(view).getByRole('button', { name: 'Collect snapshot' })));
    expect(within(view).getByTestId('action-run').dataset.state).toBe('refused');
    expect(within(view).getByTestId('action-failure').textContent).toBe(
      'Not started: steps.0: not an allowed raw command. Nothing was changed: correct the value and try again.',
    );
  });

  it('shows why the dry run skipped the device instead of starting the action', async () => {
    const { transport } = setup(device(1, { online: false }), {
      'jobs.plan': () =>
        ok(
          plan([
            devicePlan(1, {
              online: false,
              steps: [],
              wave: null,
              skip: { reason: 'offline', message: 'last seen 5 min ago' },
            }),
          ]),
        ),
    });
    const view = await drawer();
    await act(async () => fireEvent.click(within(view).getByRole('button', { name: 'Collect snapshot' })));
    expect(started(transport)).toEqual([]);
    expect(within(view).getByTestId('action-run').dataset.state).toBe('not-run');
    expect(within(view).getByTestId('action-skipped').textContent).toBe(
      'Not run: it is offline: last seen 5 min ago',
    );
    expect(within(view).getByRole('button', { name: 'Collect snapshot' })).toHaveProperty('disabled', false);
  });

  it('collects a snapshot, lists it, shows it as a collapsible tree and downloads it as JSON', async () => {
    const { transport, progress, storeArtifact } = setup();
    const view = await drawer();
    expect(within(view).getByText('None collected yet.')).toBeTruthy();
    await act(async () => fireEvent.click(within(view).getByRole('button', { name: 'Collect snapshot' })));
    expect(started(transport)[0]).toMatchObject({
      spec: { steps: [{ action: 'collect' }], policy: { concurrency: 1, stepTimeoutMs: 60_000 } },
    });
    storeArtifact();
    progress({ state: 'succeeded', result: 'snapshot of 3 sections', artifactId: meta.id });
    expect(await within(view).findByRole('list', { name: 'Snapshots' })).toBeTruthy();

    await act(async () => fireEvent.click(within(view).getByRole('button', { name: 'View snapshot' })));
    const snapshot = within(view).getByRole('region', { name: 'Snapshot' });
    expect(transport.invoked.filter((c) => c.name === 'artifacts.get')).toEqual([
      { name: 'artifacts.get', input: { id: meta.id } },
    ]);
    expect(within(snapshot).getByTestId('artifact-meta').textContent).toContain('shelly-snapshot');
    const tree = within(snapshot).getByTestId('json-tree');
    expect(tree.textContent).toContain('uptime: 12');
    expect(tree.textContent).toContain('"A8032A000001"');
    const branches = tree.querySelectorAll('details');
    // snapshot, status and config open; sys and mqtt (depth 2) folded.
    expect([...branches].map((d) => d.open)).toEqual([true, true, false, true, false]);
    fireEvent.click(within(snapshot).getByRole('button', { name: 'Expand all' }));
    expect(
      [...within(snapshot).getByTestId('json-tree').querySelectorAll('details')].every((d) => d.open),
    ).toBe(true);

    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:fieldbatch/1';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    await act(async () => fireEvent.click(within(snapshot).getByRole('button', { name: 'Download JSON' })));
    expect(clicks.map((a) => a.download)).toEqual(['Plus1PM-0001-2023-11-14T22-13-20.json']);
    expect(JSON.parse(await blobs[0]!.text())).toEqual(content);
  });

  it('disables what the family cannot run, with the reason', async () => {
    setup(device(1, { family: 'esphome', capabilities: [] }));
    const view = await drawer();
    const buttons = within(within(view).getByRole('group', { name: 'Device actions' })).getAllByRole(
      'button',
    );
    expect(buttons.every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(within(view).getByRole('list', { name: 'Unavailable actions' }).textContent).toContain(
      'Fieldbatch has no actions for esphome devices yet.',
    );
  });

  it('offers only what the device driver can run, saying why (Shelly has no raw command)', async () => {
    setup();
    const view = await drawer();
    expect(within(view).getByRole('button', { name: 'Raw command…' })).toHaveProperty('disabled', true);
    expect(within(view).getByRole('button', { name: 'Set password…' })).toHaveProperty('disabled', false);
    expect(within(view).getByText('Raw command: shelly devices do not support “Raw command”.')).toBeTruthy();
    resetAll();
    setup(device(1, { family: 'tasmota', model: 'Sonoff Basic', capabilities: [...STEP_ACTIONS] }));
    const tasmota = await drawer();
    const buttons = within(within(tasmota).getByRole('group', { name: 'Device actions' })).getAllByRole(
      'button',
    );
    expect(buttons.filter((b) => (b as HTMLButtonElement).disabled)).toEqual([]);
  });
});
