import { STEP_ACTIONS } from '../../../../shared/domain/device-actions';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceSummary } from '../../../../shared/domain/device';
import type { JobStart } from '../../../../shared/domain/job';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { device, devicePlan, execution, job, plan } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { ActionsSection } from './actions-section';
import { exampleCommand } from './raw-command-draft';

afterEach(() => {
  resetAll();
  library = LIBRARY;
});

const JOB = 'job_forms00001';

const fw = (
  n: number,
  family: 'shelly' | 'tasmota',
  made: { app?: string; chip?: string; models: string[] },
  version: string,
) => ({
  sha256: String(n).repeat(64),
  fileName: `${family}-${version}.fw`,
  size: 4096,
  family,
  kind: 'ota' as const,
  app: made.app ?? null,
  chip: made.chip ?? null,
  models: made.models,
  version,
  versionSource: 'manifest' as const,
  fwId: null,
  build: null,
  notes: n === 1 ? 'site standard' : '',
  importedAt: n,
  present: true,
});
const LIBRARY = [
  fw(1, 'shelly', { app: 'Plus1PM', models: ['SNSW-001P16EU'] }, '1.6.0'),
  fw(2, 'shelly', { app: 'Mini1PMG3', models: ['S3SW-001X16EU'] }, '1.7.0'),
  fw(3, 'tasmota', { chip: 'ESP8266', models: ['ESP8266'] }, '14.3.0'),
];
let library = LIBRARY;
const hallPlug = device(1, { name: 'Hall plug', customName: 'Hall plug' });
const tasmota = device(2, {
  family: 'tasmota',
  model: 'Sonoff Basic',
  product: null,
  name: 'Porch light',
  capabilities: [...STEP_ACTIONS],
});

function setup(summary: DeviceSummary) {
  const transport = new FakeTransport({
    'jobs.plan': () => ok(plan([devicePlan(1)])),
    'jobs.start': () => ok({ jobId: JOB }),
    'jobs.get': () => ok({ job: job(JOB, { total: 1 }), executions: [execution(1)] }),
    'firmware.list': () => ok(library),
    'credentials.list': () =>
      ok([
        {
          id: 'cred_site00001',
          name: 'Site login',
          username: 'admin',
          siteDefault: true,
          deviceCount: 0,
          createdAt: 1,
          updatedAt: 1,
        },
      ]),
  });
  setTransport(transport);
  render(<ActionsSection device={summary} />);
  return transport;
}

const starts = (transport: FakeTransport) =>
  transport.invoked.filter((c) => c.name === 'jobs.start').map((c) => c.input as JobStart);
const steps = (transport: FakeTransport) => starts(transport).map((start) => start.spec.steps[0]);

const type = (scope: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(scope).getByLabelText(label), { target: { value } });

describe('generated config form (Shelly)', () => {
  it('has the sys, wifi, mqtt and switch fields of the schema and sends only what was filled in', async () => {
    const transport = setup(hallPlug);
    fireEvent.click(screen.getByRole('button', { name: 'Change configuration…' }));
    const form = screen.getByRole('form', { name: 'Change configuration' });
    for (const legend of ['System', 'Location', 'Wi-Fi', 'Access point', 'MQTT', 'Switches'])
      expect(within(form).getByRole('group', { name: legend })).toBeTruthy();
    type(form, 'Device name', 'Hall plug');
    type(form, 'Latitude', '48.2');
    fireEvent.change(within(form).getByLabelText('MQTT on'), { target: { value: 'true' } });
    type(form, 'MQTT server', '192.0.2.2:1883');
    fireEvent.click(within(form).getByLabelText('Clear Topic prefix'));
    fireEvent.click(within(form).getByRole('button', { name: 'Add switch' }));
    const row = within(form).getByRole('group', { name: 'Switch 1' });
    fireEvent.change(within(row).getByLabelText('Initial state'), { target: { value: 'restore_last' } });
    type(row, 'Auto off delay (s)', '30');
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Apply configuration' })));
    expect(steps(transport)).toEqual([
      {
        action: 'config-change',
        shelly: {
          sys: { device: { name: 'Hall plug' }, location: { lat: 48.2 } },
          mqtt: { enable: true, server: '192.0.2.2:1883', topic_prefix: null },
          switches: [{ id: 0, initial_state: 'restore_last', auto_off_delay: 30 }],
        },
      },
    ]);
    expect(starts(transport)[0]!.spec).toMatchObject({
      name: 'Configure Hall plug',
      policy: { concurrency: 1, stepTimeoutMs: 300_000 },
    });
    expect(screen.queryByRole('form', { name: 'Change configuration' })).toBeNull();
  });

  it('shows the schema messages next to the fields and sends nothing while the input is invalid', async () => {
    const transport = setup(hallPlug);
    fireEvent.click(screen.getByRole('button', { name: 'Change configuration…' }));
    const form = screen.getByRole('form', { name: 'Change configuration' });
    fireEvent.click(within(form).getByRole('button', { name: 'Apply configuration' }));
    expect(within(form).getByRole('alert').textContent).toBe('say what to change');
    type(form, 'Latitude', '100');
    type(form, 'SSID', 'x'.repeat(33));
    fireEvent.click(within(form).getByRole('button', { name: 'Add switch' }));
    const row = within(form).getByRole('group', { name: 'Switch 1' });
    expect((within(row).getByLabelText('Switch id') as HTMLInputElement).value).toBe('0');
    type(row, 'Switch id', '');
    fireEvent.click(within(form).getByRole('button', { name: 'Apply configuration' }));
    const latitude = within(form).getByLabelText('Latitude');
    expect(latitude.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(latitude.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Use 90 or less.',
    );
    expect(within(form).getByText('Too long: use at most 32 characters.')).toBeTruthy();
    expect(within(row).getByText('This is needed: fill it in.')).toBeTruthy();
    expect(steps(transport)).toEqual([]);
    // Once refused, the messages follow the input: a corrected field loses its message at once.
    type(form, 'Latitude', '48');
    expect(within(form).getByLabelText('Latitude').getAttribute('aria-invalid')).toBeNull();
    expect(within(form).queryByText('Use 90 or less.')).toBeNull();
    expect(within(form).getByText('Too long: use at most 32 characters.')).toBeTruthy();
  });
});

describe('generated config form (Tasmota)', () => {
  it('shows the allow-list, validates each row with its message and sends the commands', async () => {
    const transport = setup(tasmota);
    fireEvent.click(screen.getByRole('button', { name: 'Change configuration…' }));
    const form = screen.getByRole('form', { name: 'Change configuration' });
    const allowList = within(form).getByRole('table', { name: 'Allowed configuration commands' });
    expect(within(allowList).getByText('FriendlyName1 … FriendlyName8')).toBeTruthy();
    expect(within(allowList).getByText('DeviceName Pump room')).toBeTruthy();
    expect(allowList.textContent).not.toContain('[1-8]');
    expect(within(allowList).getByText('telemetry period: 0 off, 10..3600 s')).toBeTruthy();

    const first = within(form).getByRole('group', { name: 'Command 1' });
    type(first, 'Command name', 'TelePeriod');
    type(first, 'Value', '5000');
    fireEvent.click(within(form).getByRole('button', { name: 'Add command' }));
    const second = within(form).getByRole('group', { name: 'Command 2' });
    type(second, 'Command name', 'FriendlyName1');
    type(second, 'Value', 'Porch');
    fireEvent.click(within(form).getByRole('button', { name: 'Apply configuration' }));
    expect(within(first).getByText('not an allowed Tasmota config command or value')).toBeTruthy();
    expect(within(second).queryByText('not an allowed Tasmota config command or value')).toBeNull();
    expect(steps(transport)).toEqual([]);

    type(first, 'Value', '300');
    expect(within(form).getByLabelText('Commands to send').textContent).toBe(
      'Backlog TelePeriod 300; FriendlyName1 Porch',
    );
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Apply configuration' })));
    expect(steps(transport)).toEqual([
      {
        action: 'config-change',
        tasmota: {
          commands: [
            { command: 'TelePeriod', value: '300' },
            { command: 'FriendlyName1', value: 'Porch' },
          ],
        },
      },
    ]);
  });
});

describe('factory reset', () => {
  it("stays disabled until the job's name is typed exactly, then sends it as the typed confirmation", async () => {
    const transport = setup(hallPlug);
    fireEvent.click(screen.getByRole('button', { name: 'Factory reset…' }));
    const form = screen.getByRole('form', { name: 'Factory reset' });
    const button = within(form).getByRole('button', { name: 'Factory reset' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(form.textContent).toContain('Type Factory reset Hall plug to confirm');
    type(form, 'Job name to confirm', 'factory reset hall plug');
    expect(button.disabled).toBe(true);
    fireEvent.submit(form);
    expect(steps(transport)).toEqual([]);
    type(form, 'Job name to confirm', 'Factory reset Hall plug');
    expect(button.disabled).toBe(false);
    await act(async () => fireEvent.click(button));
    expect(starts(transport)).toMatchObject([
      {
        spec: { name: 'Factory reset Hall plug', steps: [{ action: 'factory-reset' }] },
        confirmDevices: 1,
        typedConfirmation: 'Factory reset Hall plug',
      },
    ]);
  });

  it('needs the Tasmota reset level chosen, showing what each erases', async () => {
    const transport = setup(tasmota);
    fireEvent.click(screen.getByRole('button', { name: 'Factory reset…' }));
    const form = screen.getByRole('form', { name: 'Factory reset' });
    const levels = within(form).getByRole('group', { name: 'Reset level' });
    expect(within(levels).getAllByRole('radio')).toHaveLength(6);
    expect(levels.textContent).toContain('Reset 6: Erase all flash but keep Wi-Fi and MQTT');
    type(form, 'Job name to confirm', 'Factory reset Porch light');
    const button = within(form).getByRole('button', { name: 'Factory reset' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.click(within(levels).getByRole('radio', { name: /Reset 4/ }));
    expect(button.disabled).toBe(false);
    await act(async () => fireEvent.click(button));
    expect(steps(transport)).toEqual([{ action: 'factory-reset', tasmotaLevel: 4 }]);
  });
});

describe('firmware update', () => {
  it("offers only the family's images with version and models, and sends the chosen one", async () => {
    const transport = setup(hallPlug);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Update firmware…' })));
    const form = screen.getByRole('form', { name: 'Update firmware' });
    const choices = within(within(form).getByRole('group', { name: 'Image' })).getAllByRole('radio');
    const texts = choices.map((c) => c.closest('label')!.textContent);
    expect(texts).toHaveLength(2);
    expect(texts.find((t) => t!.includes('1.6.0'))).toBe(
      '1.6.0 · shelly-1.6.0.fwfor SNSW-001P16EU · made for this device · site standard',
    );
    expect(texts.find((t) => t!.includes('1.7.0'))).toContain(
      'refused, nothing would be sent: image is for Mini1PMG3; this device is Plus1PM',
    );
    fireEvent.click(choices.find((c) => c.closest('label')!.textContent!.includes('1.6.0'))!);
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Update firmware' })));
    expect(steps(transport)).toEqual([{ action: 'firmware-update', images: ['1'.repeat(64)] }]);
    expect(starts(transport)[0]!.spec).toMatchObject({ policy: { concurrency: 1, stepTimeoutMs: 600_000 } });
  });

  it('says so when the library has nothing for the family', async () => {
    library = library.filter((i) => i.family !== 'tasmota');
    setup(tasmota);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Update firmware…' })));
    expect(screen.getByTestId('no-firmware').textContent).toContain('No tasmota firmware in the library.');
    expect(screen.getByRole('button', { name: 'Update firmware' })).toHaveProperty('disabled', true);
  });
});

describe('raw command and password', () => {
  it('sends an allow-listed Tasmota command and refuses one the list does not allow', async () => {
    const transport = setup(tasmota);
    fireEvent.click(screen.getByRole('button', { name: 'Raw command…' }));
    const form = screen.getByRole('form', { name: 'Raw command' });
    fireEvent.click(within(form).getByRole('radio', { name: /^Power, Power1 … Power8/ }));
    expect((within(form).getByLabelText('Command') as HTMLInputElement).value).toBe('Power');
    type(form, 'Value', 'blink');
    fireEvent.click(within(form).getByRole('button', { name: 'Send command' }));
    expect(within(form).getByText('not an allowed raw command')).toBeTruthy();
    type(form, 'Value', 'toggle');
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Send command' })));
    expect(steps(transport)).toEqual([{ action: 'raw-command', command: 'Power', value: 'toggle' }]);
  });

  it('derives a command name from each allow-list pattern', () => {
    expect(exampleCommand('Power[1-8]?')).toBe('Power');
    expect(exampleCommand('FriendlyName[1-8]')).toBe('FriendlyName1');
    expect(exampleCommand('SetOption([0-9]|[1-9][0-9]|1[0-5][0-9])')).toBe('SetOption0');
    expect(exampleCommand('PowerRetain|SensorRetain')).toBe('PowerRetain');
  });

  it('sets a Shelly password from a credential set, or turns authentication off', async () => {
    const transport = setup(hallPlug);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Set password…' })));
    const form = screen.getByRole('form', { name: 'Set password' });
    fireEvent.change(within(form).getByLabelText('Password from'), { target: { value: 'cred_site00001' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Set password' })));
    expect(steps(transport)).toEqual([{ action: 'set-password', credentialSetId: 'cred_site00001' }]);
  });
});
