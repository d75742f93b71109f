import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanProgress } from '../../../../shared/domain/discovery';
import { devicesLoaded } from '../../stores/devices-store';
import { discoveryStatusReceived } from '../../stores/discovery-store';
import { uiStore } from '../../stores/ui-store';
import { device, discoveryStatus } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { isInCidr } from './cidr-match';
import { ScanProgressList } from './scan-progress-list';

afterEach(resetAll);

const PLUG = device(1, { name: 'Hall plug', address: '198.51.100.7:80' });
const SCAN: ScanProgress = {
  scanId: 'scan_1' as ScanProgress['scanId'],
  cidr: '198.51.100.0/28',
  state: 'completed',
  total: 16,
  done: 16,
  found: [PLUG.id],
  error: null,
};
const BROKEN = {
  source: 'manual' as const,
  address: '198.51.100.9:80',
  announcedAs: null,
  deviceId: null,
  reason: 'GET /shelly: HTTP 500 Internal Server Error',
  firstFailedAt: 1,
  lastFailedAt: 2,
};

describe('range scan results', () => {
  it('matches addresses against the scanned range', () => {
    expect(isInCidr('198.51.100.9:80', '198.51.100.0/28')).toBe(true);
    expect(isInCidr('198.51.100.16', '198.51.100.0/28')).toBe(false);
    expect(isInCidr('198.51.100.7', '198.51.100.7')).toBe(true);
    expect(isInCidr('shelly.local:80', '198.51.100.0/28')).toBe(false);
    expect(isInCidr('198.51.100.7', 'nonsense/99')).toBe(false);
  });

  it('lists the devices found, what answered without being identified, and a summary of the silence', () => {
    act(() => {
      devicesLoaded([PLUG]);
      discoveryStatusReceived(
        discoveryStatus({
          scans: [SCAN],
          unidentified: [BROKEN, { ...BROKEN, address: '203.0.113.5:80' }],
        }),
      );
    });
    render(<ScanProgressList />);
    const found = screen.getByRole('list', { name: 'Found by the scan of 198.51.100.0/28' });
    expect(within(found).getByRole('listitem').textContent).toContain('198.51.100.7:80');
    const odd = screen.getByRole('list', { name: 'Answered but not identified in 198.51.100.0/28' });
    expect(
      within(odd)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '198.51.100.9:80 answered but is not identified: GET /shelly: HTTP 500 Internal Server Error',
    ]);
    expect(screen.getByTestId('scan-summary').textContent).toBe(
      '1 found, 1 answered but not identified, 14 of 16 address/port pairs did not answer.',
    );
    fireEvent.click(within(found).getByRole('button', { name: 'Hall plug' }));
    expect(uiStore.getState().drawerDeviceId).toBe(PLUG.id);
  });

  it('gives no summary while the scan runs, and says when it was canceled', () => {
    act(() => discoveryStatusReceived(discoveryStatus({ scans: [{ ...SCAN, state: 'running', done: 3 }] })));
    const { rerender } = render(<ScanProgressList />);
    expect(screen.queryByTestId('scan-summary')).toBeNull();
    act(() =>
      discoveryStatusReceived(
        discoveryStatus({ scans: [{ ...SCAN, state: 'canceled', done: 5, found: [] }] }),
      ),
    );
    rerender(<ScanProgressList />);
    expect(screen.getByTestId('scan-summary').textContent).toBe(
      '0 found, 5 of 16 address/port pairs did not answer (canceled after 5 of 16).',
    );
  });
});
