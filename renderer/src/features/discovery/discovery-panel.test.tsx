import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanProgress } from '../../../../shared/domain/discovery';
import { fail, ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { subscribeToEvents } from '../../api/bridge';
import { discoverySettingsLoaded, discoveryStatusReceived } from '../../stores/discovery-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { device, discoverySettings, discoveryStatus } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { DiscoveryPanel } from './discovery-panel';

afterEach(resetAll);

function setup(answers: ConstructorParameters<typeof FakeTransport>[0] = {}) {
  const transport = new FakeTransport(answers);
  setTransport(transport);
  subscribeToEvents();
  discoveryStatusReceived(discoveryStatus());
  discoverySettingsLoaded(discoverySettings());
  render(<DiscoveryPanel />);
  // The site broker section asks for its status on mount; the tests count only the calls they cause.
  transport.invoked.splice(0);
  return transport;
}

const scan = (done: number, state: 'running' | 'canceled' = 'running'): ScanProgress => ({
  scanId: 'scan_aaaaaaaa' as ScanProgress['scanId'],
  cidr: '127.0.0.0/30',
  state,
  total: 8,
  done,
  found: done > 2 ? [device(1).id] : [],
  error: null,
});

describe('discovery panel', () => {
  it('shows each source with its state and device count', () => {
    setup();
    const sources = screen.getByRole('table', { name: 'Discovery sources' });
    expect(within(sources).getByText('mdns').closest('tr')!.dataset.sourceState).toBe('running');
    expect(within(sources).getAllByRole('row')).toHaveLength(3);
  });

  it('imports a CSV as base64 bytes and lists imported rows and each error with its line', async () => {
    const transport = setup({
      'discovery.importCsv': () =>
        ok({
          rows: 2,
          imported: [device(1).id],
          errors: [{ line: 3, reason: 'family: expected shelly, tasmota or esphome' }],
        }),
    });
    const text = 'host,port,family\n127.0.0.1,8001,shelly\n,,toaster\n';
    const file = new File([text], 'site.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [file] } });
    const report = await screen.findByTestId('csv-report');
    expect(report.textContent).toContain('site.csv: imported 1 of 2 rows, 1 refused.');
    expect(within(report).getByText('Line 3: family: expected shelly, tasmota or esphome')).toBeTruthy();
    const call = transport.invoked.find((c) => c.name === 'discovery.importCsv')!;
    expect(call.input).toEqual({ fileName: 'site.csv', contentBase64: btoa(text) });
  });

  it('refuses a file over 5 MB without sending it', async () => {
    const transport = setup();
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'huge.csv');
    fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [big] } });
    expect((await screen.findByTestId('csv-report')).textContent).toBe(
      'huge.csv: CSV files are limited to 5 MB',
    );
    expect(transport.invoked).toEqual([]);
  });

  it('starts a range scan, follows its progress from events and cancels it', async () => {
    const transport = setup({
      'discovery.startScan': () => ok({ scanId: 'scan_aaaaaaaa' }),
      'discovery.cancelScan': () => ok({ canceled: true }),
    });
    fireEvent.change(screen.getByLabelText('Range (CIDR)'), { target: { value: '127.0.0.0/30' } });
    fireEvent.change(screen.getByLabelText('Ports'), { target: { value: '80, 8080' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Start scan' })));
    expect(transport.invoked[0]).toEqual({
      name: 'discovery.startScan',
      input: { cidr: '127.0.0.0/30', ports: [80, 8080], concurrency: 64, perHostTimeoutMs: 1500 },
    });
    act(() => transport.push('discovery.statusChanged', discoveryStatus({ scans: [scan(3)] })));
    const progress = screen.getByRole('progressbar', { name: 'Scan of 127.0.0.0/30' }) as HTMLProgressElement;
    expect([progress.value, progress.max]).toEqual([3, 8]);
    expect(screen.getByTestId('scan-counts').textContent).toBe('3/8 probed, 1 found');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel scan' })));
    expect(transport.invoked.at(-1)).toEqual({
      name: 'discovery.cancelScan',
      input: { scanId: 'scan_aaaaaaaa' },
    });
    act(() => transport.push('discovery.statusChanged', discoveryStatus({ scans: [scan(4, 'canceled')] })));
    expect(screen.queryByRole('button', { name: 'Cancel scan' })).toBeNull();
    expect(screen.getByText('canceled')).toBeTruthy();
  });

  it('validates a range with the schema before sending anything', () => {
    const transport = setup();
    fireEvent.change(screen.getByLabelText('Ports'), { target: { value: '80, http' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start scan' }));
    expect(screen.getByText('ports are numbers, e.g. 80, 8080')).toBeTruthy();
    expect(transport.invoked).toEqual([]);
  });

  it('adds a device by host:port and says what answered, or why not', async () => {
    const transport = setup({
      'discovery.addManual': (input) =>
        (input as { port?: number }).port === 8001
          ? ok(device(1, { address: '127.0.0.1:8001' }))
          : fail('UNAVAILABLE', 'nothing known answered'),
    });
    const address = screen.getByLabelText('Host or IP[:port]');
    fireEvent.change(address, { target: { value: '127.0.0.1:8001' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add device' })));
    expect(transport.invoked[0]).toEqual({
      name: 'discovery.addManual',
      input: { host: '127.0.0.1', port: 8001 },
    });
    expect(screen.getByTestId('manual-add-result').textContent).toContain(
      'Added Plus1PM · 0001 (127.0.0.1:8001)',
    );
    fireEvent.change(address, { target: { value: '127.0.0.1:9' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add device' })));
    expect(screen.getByTestId('manual-add-result').textContent).toBe(
      '127.0.0.1:9: nothing known answered. Check that it is powered and on this network, then try again.',
    );
  });

  it('saves a broker with a write-only password and lists it by name and host', async () => {
    const saved = {
      id: 'brk_aaaaaaaa',
      name: 'Site broker',
      url: 'mqtts://broker.site:8883',
      username: 'tech',
      hasPassword: true,
      caPem: null,
      enabled: true,
    };
    const transport = setup({ 'discovery.saveBroker': () => ok(saved) });
    fireEvent.click(screen.getByRole('button', { name: 'Add broker' }));
    const form = screen.getByRole('form', { name: 'New broker' });
    fireEvent.change(within(form).getByLabelText('Broker URL'), { target: { value: 'http://x' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save broker' }));
    expect(within(form).getByText('expected mqtt://host:port, mqtts://, ws:// or wss://')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Site broker' } });
    fireEvent.change(within(form).getByLabelText('Broker URL'), { target: { value: saved.url } });
    fireEvent.change(within(form).getByLabelText('Username'), { target: { value: 'tech' } });
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 's3cret' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Save broker' })));
    expect(transport.invoked[0]).toEqual({
      name: 'discovery.saveBroker',
      input: {
        name: 'Site broker',
        url: saved.url,
        username: 'tech',
        password: 's3cret',
        caPem: null,
        enabled: true,
      },
    });
    const brokers = screen.getByRole('list', { name: 'Brokers' });
    expect(brokers.textContent).toMatch(/^Site broker broker\.site:8883 /);
    expect(brokers.textContent).not.toContain('mqtts://');
    expect(brokers.textContent).toContain('password stored');
    fireEvent.click(within(brokers).getByRole('button', { name: 'Edit' }));
    const edit = screen.getByRole('form', { name: 'Edit broker' });
    expect((within(edit).getByLabelText('Password') as HTMLInputElement).value).toBe('');
    await act(async () => fireEvent.click(within(edit).getByRole('button', { name: 'Save broker' })));
    expect(transport.invoked[1]!.input).not.toHaveProperty('password');
  });

  it('probes a serial port by path and shows the outcome in its row', async () => {
    const transport = setup({ 'discovery.probeSerial': () => fail('UNAVAILABLE', 'port busy') });
    fireEvent.change(screen.getByLabelText('Serial port path'), { target: { value: '/dev/pts/7' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Probe port' })));
    expect(transport.invoked[0]).toEqual({ name: 'discovery.probeSerial', input: { path: '/dev/pts/7' } });
    const row = screen
      .getByRole('table', { name: 'Serial ports' })
      .querySelector('tr[data-port-path="/dev/pts/7"]')!;
    await waitFor(() => expect(row.getAttribute('data-probe')).toBe('error'));
    expect(row.textContent).toContain(
      'port busy. Check that it is powered and on this network, then try again.',
    );
  });

  it('changes mDNS settings through discovery.updateSettings', async () => {
    const transport = setup({
      'discovery.updateSettings': () => ok(discoverySettings({ mdnsInterface: 'eth1' })),
    });
    act(() => transport.push('discovery.statusChanged', discoveryStatus()));
    await act(async () =>
      fireEvent.change(screen.getByLabelText('mDNS interface'), { target: { value: '' } }),
    );
    expect(transport.invoked[0]).toEqual({
      name: 'discovery.updateSettings',
      input: { mdnsInterface: null },
    });
    expect((screen.getByLabelText('mDNS interface') as HTMLSelectElement).value).toBe('eth1');
  });
});
