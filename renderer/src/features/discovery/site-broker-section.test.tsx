import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbeddedBrokerStatus } from '../../../../shared/domain/broker';
import { fail, ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { interfacesLoaded } from '../../stores/discovery-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { SiteBrokerSection } from './site-broker-section';

afterEach(resetAll);

const stopped: EmbeddedBrokerStatus = {
  state: 'stopped',
  interfaceAddress: null,
  port: null,
  username: null,
  hasPassword: false,
  deviceCount: 0,
  announced: false,
  startsWithApp: false,
  note: null,
  lastError: null,
};
const running: EmbeddedBrokerStatus = {
  ...stopped,
  state: 'running',
  interfaceAddress: '192.168.1.10',
  port: 1883,
  username: 'site',
  hasPassword: true,
  deviceCount: 3,
  announced: true,
  startsWithApp: true,
};

function setup(answers: ConstructorParameters<typeof FakeTransport>[0]) {
  const transport = new FakeTransport(answers);
  setTransport(transport);
  interfacesLoaded([
    { name: 'lo', addresses: ['127.0.0.1', '::1'], internal: true },
    { name: 'eth0', addresses: ['192.168.1.10', 'fe80::1'], internal: false },
  ]);
  render(<SiteBrokerSection />);
  return transport;
}

// The badge alone says a stopped broker is stopped: once, not "stopped Stopped".
async function stoppedShown() {
  await waitFor(() =>
    expect(screen.getByRole('status', { name: 'Site broker status' }).textContent?.trim()).toBe('stopped'),
  );
}

describe('site broker section', () => {
  it('starts on the chosen interface and says in plain words where it runs and what to type into Tasmota', async () => {
    let status = stopped;
    const transport = setup({
      'broker.getStatus': () => ok(status),
      'broker.start': () => ok((status = running)),
    });
    await stoppedShown();
    const picker = screen.getByLabelText('Network interface') as HTMLSelectElement;
    expect([...picker.options].map((o) => o.textContent)).toEqual([
      'lo · 127.0.0.1 (this computer only)',
      'eth0 · 192.168.1.10',
    ]);
    expect(picker.value).toBe('192.168.1.10');
    fireEvent.change(screen.getByLabelText('User name devices log in with'), { target: { value: 'site' } });
    fireEvent.change(screen.getByLabelText('Password devices log in with'), {
      target: { value: 'tasmota-42' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Start broker' }));

    const line = await screen.findByRole('status', { name: 'Site broker status' });
    await waitFor(() =>
      expect(line.textContent).toBe(
        'running on 192.168.1.10:1883 · 3 devices connected · announced as _mqtt._tcp',
      ),
    );
    expect(transport.invoked.find((c) => c.name === 'broker.start')?.input).toEqual({
      interfaceAddress: '192.168.1.10',
      username: 'site',
      password: 'tasmota-42',
    });
    expect(screen.getByLabelText('Tasmota command').textContent).toBe(
      'Backlog MqttHost 192.168.1.10; MqttPort 1883; MqttUser site; MqttPassword tasmota-42',
    );
    expect(screen.getByRole('button', { name: 'Stop broker' })).toBeTruthy();
  });

  it('shows a refusal in plain words and keeps the form as typed', async () => {
    setup({
      'broker.getStatus': () => ok(stopped),
      'broker.start': () =>
        fail(
          'CONFLICT',
          'port 1883 on 192.168.1.10 is already in use by another program: choose another port, or leave the port empty to use a free one',
        ),
    });
    await stoppedShown();
    fireEvent.change(screen.getByLabelText('Port (empty: as last time, first time 1883)'), {
      target: { value: '1883' },
    });
    fireEvent.change(screen.getByLabelText('Password devices log in with'), {
      target: { value: 'tasmota-42' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Start broker' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'port 1883 on 192.168.1.10 is already in use by another program: choose another port, or leave the port empty to use a free one. Nothing was changed: check what the message names, then try again.',
    );
    expect(
      (screen.getByLabelText('Port (empty: as last time, first time 1883)') as HTMLInputElement).value,
    ).toBe('1883');
  });

  it('stops it and hides the Tasmota command; a stored password is never shown', async () => {
    let status = running;
    const transport = setup({
      'broker.getStatus': () => ok(status),
      'broker.stop': () =>
        ok(
          (status = {
            ...stopped,
            interfaceAddress: '192.168.1.10',
            port: 1883,
            username: 'site',
            hasPassword: true,
          }),
        ),
    });
    await screen.findByText(/^on 192.168.1.10:1883/);
    expect(screen.getByLabelText('Tasmota command').textContent).toContain('MqttPassword <password>');
    expect((screen.getByLabelText('Password devices log in with') as HTMLInputElement).placeholder).toBe(
      'stored (type to change)',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Stop broker' }));
    await stoppedShown();
    await waitFor(() => expect(screen.queryByLabelText('Tasmota command')).toBeNull());
    expect(transport.invoked.map((c) => c.name)).toContain('broker.stop');
  });

  it('checks port and password before sending and says at the field what is wrong', async () => {
    const transport = setup({ 'broker.getStatus': () => ok(stopped) });
    await stoppedShown();
    fireEvent.change(screen.getByLabelText('Port (empty: as last time, first time 1883)'), {
      target: { value: '70000' },
    });
    fireEvent.change(screen.getByLabelText('Password devices log in with'), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start broker' }));
    expect(await screen.findByText('A port from 1 to 65535.')).toBeTruthy();
    expect(screen.getByText('At least 8 characters.')).toBeTruthy();
    expect(transport.invoked.map((c) => c.name)).not.toContain('broker.start');
    expect(screen.queryByText(/invalid input/)).toBeNull();
  });

  it('asks for a password when none is stored yet', async () => {
    const transport = setup({ 'broker.getStatus': () => ok(stopped) });
    await stoppedShown();
    fireEvent.click(screen.getByRole('button', { name: 'Start broker' }));
    expect(await screen.findByText('At least 8 characters.')).toBeTruthy();
    expect(transport.invoked.map((c) => c.name)).not.toContain('broker.start');
  });

  it('puts a refusal from main at the field it names, in words', async () => {
    setup({
      'broker.getStatus': () => ok({ ...stopped, hasPassword: true }),
      'broker.start': () =>
        fail('INVALID_INPUT', 'invalid input for broker.start: port Too big: expected number to be <=65535', [
          { path: 'port', message: 'Too big: expected number to be <=65535' },
        ]),
    });
    await stoppedShown();
    fireEvent.click(screen.getByRole('button', { name: 'Start broker' }));
    expect(await screen.findByText('A port from 1 to 65535.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(
      'Nothing was changed: correct the marked field and try again.',
    );
    expect(screen.queryByText(/invalid input|Too big/)).toBeNull();
  });
});
