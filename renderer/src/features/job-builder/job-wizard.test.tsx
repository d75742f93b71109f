import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { JobPolicySchema, type JobSpec, type JobStart } from '../../../../shared/domain/job';
import { EMPTY_TEMPLATE_REFS } from '../../../../shared/domain/template-refs';
import type { TemplateVersion } from '../../../../shared/domain/templates';
import { fail, ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { devicesLoaded } from '../../stores/devices-store';
import { groupsLoaded } from '../../stores/groups-store';
import { jobsStore } from '../../stores/jobs-store';
import { selectionReplaced } from '../../stores/selection-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import {
  device,
  devicePlan,
  execution,
  job,
  plan,
  staticGroup,
} from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { JobsView } from '../job-runs/jobs-view';

afterEach(resetAll);

const JOB = 'job_wizard0001';
const TEMPLATE = 'tpl_wizard0001';
const GROUP = staticGroup(1, [device(3).id], 'Hall');
const PLAN = plan(
  [
    devicePlan(1, { wave: 0 }),
    devicePlan(2, { wave: 1, online: false, deferred: true }),
    devicePlan(3, {
      wave: null,
      steps: [],
      skip: { reason: 'never-touch', message: 'marked never touch on 3 May' },
    }),
  ],
  {
    waves: [
      { index: 0, canary: true, size: 1 },
      { index: 1, canary: false, size: 1 },
    ],
    warnings: ['1 device is offline and will be waited for'],
  },
);

function setup(answers: ConstructorParameters<typeof FakeTransport>[0] = {}) {
  const transport = new FakeTransport({
    'templates.list': () => ok([]),
    'jobs.plan': () => ok(PLAN),
    'jobs.start': () => ok({ jobId: JOB }),
    'jobs.list': () => ok([job(JOB)]),
    'jobs.get': () => ok({ job: job(JOB), executions: [execution(1)] }),
    'jobs.log': () => ok([]),
    'firmware.list': () => ok([]),
    ...answers,
  });
  setTransport(transport);
  devicesLoaded([device(1), device(2), device(3)]);
  groupsLoaded([GROUP]);
  selectionReplaced([device(1).id, device(2).id]);
  render(<JobsView />);
  return transport;
}

const click = (name: string) => act(async () => fireEvent.click(screen.getByRole('button', { name })));
const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
const page = () => screen.getByRole('listitem', { current: 'step' }).textContent;
const inputs = (transport: FakeTransport, name: string) =>
  transport.invoked.filter((c) => c.name === name).map((c) => c.input);

/** Fills targets and steps with a reboot, then stands on the policy page. */
async function toPolicy(name = 'Reboot the hall') {
  await click('New job');
  type('Job name', name);
  await click('Next');
  await click('Add step');
  await click('Next');
}

/** The error message tied to a field by aria-describedby. */
function messageOf(label: string): string | undefined {
  const field = screen.getByLabelText(label);
  const ids = field.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).find((el) => el?.className === 'field-error')
    ?.textContent;
}

describe('job wizard', () => {
  it('starts from the inventory selection and prefills the policy with the schema defaults', async () => {
    setup();
    await click('New job');
    expect(page()).toBe('Targets');
    const chosen = screen.getByRole('list', { name: 'Chosen devices' });
    expect(
      within(chosen)
        .getAllByRole('listitem')
        .map((li) => li.dataset.deviceId),
    ).toEqual([device(1).id, device(2).id]);
    expect(screen.getByRole('checkbox', { name: /Hall \(static, 1 devices now\)/ })).toBeTruthy();
    type('Job name', 'Reboot the hall');
    await click('Next');
    await click('Add step');
    await click('Next');
    expect(page()).toBe('Policy');
    expect(screen.getByLabelText('Concurrency')).toHaveProperty('value', '10');
    expect(screen.getByText('Devices worked on at the same time. Default: 10.')).toBeTruthy();
    expect(screen.getByLabelText('Step timeout')).toHaveProperty('value', '3 min');
    expect(screen.getByLabelText('Retries')).toHaveProperty('value', '2');
    const retryOn = screen.getByRole('group', { name: 'Retry on' });
    expect(
      within(retryOn)
        .getAllByRole<HTMLInputElement>('checkbox')
        .filter((c) => c.checked)
        .map((c) => c.parentElement!.textContent),
    ).toEqual(['the device could not be reached', 'the device did not answer in time']);
    expect(screen.getByLabelText('Canary')).toHaveProperty('value', 'none');
    expect(screen.getByLabelText('Wave gate: success (%)')).toHaveProperty('value', '100');
    expect(screen.getByLabelText('An offline device')).toHaveProperty('value', 'defer');
    expect(screen.getByLabelText('Wait at most')).toHaveProperty('value', '1 h');
  });

  it('shows the schema’s message at the field and stays on the page until it is fixed', async () => {
    const transport = setup();
    selectionReplaced([]);
    await click('New job');
    await click('Next');
    expect(page()).toBe('Targets');
    expect(messageOf('Job name')).toBe('This cannot be empty: type something.');
    expect(screen.getByRole('alert').textContent).toBe('choose at least one device or group');
    type('Job name', 'Update the hall');
    expect(messageOf('Job name')).toBeUndefined();
    fireEvent.click(screen.getByRole('checkbox', { name: /Hall/ }));
    await click('Next');
    expect(page()).toBe('Steps');
    fireEvent.change(screen.getByLabelText('Step to add'), { target: { value: 'firmware-update' } });
    await click('Add step');
    await click('Next');
    expect(page()).toBe('Steps');
    expect(screen.getByText('choose at least one image')).toBeTruthy();
    await click('Remove step 1');
    fireEvent.change(screen.getByLabelText('Step to add'), { target: { value: 'reboot' } });
    await click('Add step');
    await click('Next');
    expect(page()).toBe('Policy');
    type('Concurrency', '0');
    await click('Dry run');
    expect(messageOf('Concurrency')).toBe('Use 1 or more.');
    expect(screen.getByLabelText('Concurrency').getAttribute('aria-invalid')).toBe('true');
    expect(inputs(transport, 'jobs.plan')).toEqual([]);
    type('Concurrency', '5');
    expect(messageOf('Concurrency')).toBeUndefined();
  });

  it('takes timeouts typed with their unit and sends milliseconds to main', async () => {
    const transport = setup();
    await toPolicy();
    type('Step timeout', '3600000');
    await click('Dry run');
    expect(messageOf('Step timeout')).toBe('Add a unit: 3600000 s, 3600000 min or 3600000 h?');
    expect(inputs(transport, 'jobs.plan')).toEqual([]);
    type('Step timeout', '5 min');
    type('Wait at most', '1 h 30 min');
    type('First retry after', 'soon');
    expect(messageOf('First retry after')).toBe(
      'Not a duration. Type it with its unit: 90 s, 5 min, 1 h 30 min.',
    );
    type('First retry after', '10 s');
    await click('Dry run');
    expect((inputs(transport, 'jobs.plan')[0] as JobSpec).policy).toMatchObject({
      stepTimeoutMs: 300_000,
      retries: { baseDelayMs: 10_000 },
      offline: { deadlineMs: 5_400_000 },
    });
  });

  it('runs the dry run and shows the plan, then starts after an explicit confirmation', async () => {
    const transport = setup();
    await toPolicy();
    type('Devices started per minute', '30');
    fireEvent.change(screen.getByLabelText('Canary'), { target: { value: 'count' } });
    type('Canary devices', '1');
    await click('Dry run');
    const spec = inputs(transport, 'jobs.plan')[0] as JobSpec;
    expect(spec).toMatchObject({
      version: 1,
      name: 'Reboot the hall',
      targets: { deviceIds: [device(1).id, device(2).id], groupIds: [], includeNewMembers: false },
      steps: [{ action: 'reboot' }],
      policy: { concurrency: 10, ratePerMinute: 30, canary: { count: 1 }, stepTimeoutMs: 180_000 },
    });
    expect(page()).toBe('Dry run');
    expect(screen.getByTestId('plan-summary').textContent).toBe(
      '2 devices will run (1 offline now, waited for), 1 skipped.',
    );
    expect(screen.getByRole('list', { name: 'Waves' }).textContent).toBe('Canary: 1 deviceWave 1: 1 device');
    expect(screen.getByRole('list', { name: 'Plan warnings' }).textContent).toBe(
      '1 device is offline and will be waited for',
    );
    const table = screen.getByRole('table', { name: 'Dry run devices' });
    const skipped = within(table)
      .getAllByRole('row')
      .find((r) => r.dataset.skipped === 'never-touch')!;
    expect(skipped.textContent).toContain('skipped: marked never touch on 3 May');
    expect(inputs(transport, 'jobs.start')).toEqual([]);
    await click('Start');
    const dialog = screen.getByRole('dialog', { name: 'Start “Reboot the hall”?' });
    expect(within(dialog).getByTestId('start-summary').textContent).toBe(
      'It runs on 2 devices (1 skipped). The canary goes first.',
    );
    await click('Confirm start');
    expect(inputs(transport, 'jobs.start')).toEqual([{ spec, confirmDevices: 2 }]);
    expect(jobsStore.getState().selectedJobId).toBe(JOB);
    expect(screen.getByTestId('job-monitor').dataset.jobId).toBe(JOB);
  });

  it('needs the job’s name typed to start a destructive job', async () => {
    const transport = setup({ 'jobs.plan': () => ok({ ...PLAN, destructive: true }) });
    await click('New job');
    type('Job name', 'Wipe the hall');
    await click('Next');
    fireEvent.change(screen.getByLabelText('Step to add'), { target: { value: 'factory-reset' } });
    await click('Add step');
    fireEvent.click(screen.getByRole('radio', { name: /Reset 4/ }));
    await click('Next');
    await click('Dry run');
    await click('Start');
    const confirm = screen.getByRole('button', { name: 'Confirm start' });
    expect(confirm).toHaveProperty('disabled', true);
    type('Job name to confirm', 'wipe the hall');
    expect(confirm).toHaveProperty('disabled', true);
    type('Job name to confirm', 'Wipe the hall');
    await click('Confirm start');
    expect(inputs(transport, 'jobs.start')).toMatchObject([
      {
        spec: { steps: [{ action: 'factory-reset', tasmotaLevel: 4 }] },
        confirmDevices: 2,
        typedConfirmation: 'Wipe the hall',
      },
    ]);
  });

  it('runs the dry run again when the devices changed since, and says so', async () => {
    let runnable = PLAN;
    const transport = setup({
      'jobs.plan': () => ok(runnable),
      'jobs.start': () => fail('CONFLICT', 'plan changed', { problem: 'plan-changed' }),
    });
    await toPolicy();
    await click('Dry run');
    await click('Start');
    runnable = plan([devicePlan(1)]);
    await click('Confirm start');
    expect((inputs(transport, 'jobs.start')[0] as JobStart).confirmDevices).toBe(2);
    expect(inputs(transport, 'jobs.plan')).toHaveLength(2);
    expect(screen.getByRole('alert').textContent).toBe(
      'Not started: The devices changed since this dry run; it was run again: check it and start again.',
    );
    expect(screen.getByTestId('plan-summary').textContent).toBe('1 device will run, 0 skipped.');
  });

  it('saves the job as a template and starts a new one from a template', async () => {
    const saved: TemplateVersion = {
      templateId: TEMPLATE as TemplateVersion['templateId'],
      version: 1,
      name: 'Hall reboot',
      spec: {
        version: 1,
        name: 'Reboot the hall',
        targets: { deviceIds: [], groupIds: [GROUP.id], includeNewMembers: true },
        steps: [{ action: 'reboot' }, { action: 'collect' }],
        policy: JobPolicySchema.parse({ concurrency: 4 }),
      },
      refs: EMPTY_TEMPLATE_REFS,
      note: '',
      createdAt: 1,
    };
    const summary = {
      id: saved.templateId,
      name: saved.name,
      version: 1,
      versions: 1,
      createdAt: 1,
      updatedAt: 1,
    };
    const transport = setup({
      'templates.save': () => ok(saved),
      'templates.list': () => ok([summary]),
      'templates.load': () => ok({ template: saved, spec: saved.spec, problems: [] }),
    });
    await toPolicy();
    await click('Save as template');
    type('Template name', 'Hall reboot');
    await click('Save template');
    expect(inputs(transport, 'templates.save')).toMatchObject([
      { name: 'Hall reboot', note: '', spec: { name: 'Reboot the hall', steps: [{ action: 'reboot' }] } },
    ]);
    expect(screen.getByRole('status').textContent).toBe('Saved as template “Hall reboot”, version 1.');

    await click('New job');
    fireEvent.change(screen.getByLabelText('Start from template'), { target: { value: TEMPLATE } });
    await click('Load template');
    expect(inputs(transport, 'templates.load')).toEqual([{ templateId: TEMPLATE }]);
    expect(screen.getByLabelText('Job name')).toHaveProperty('value', 'Reboot the hall');
    expect(screen.getByRole('checkbox', { name: /Hall/ })).toHaveProperty('checked', true);
    await click('Next');
    expect(screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual([
      'Step 1: Reboot',
      'Step 2: Collect snapshot',
    ]);
    await click('Next');
    expect(screen.getByLabelText('Concurrency')).toHaveProperty('value', '4');
  });
});
