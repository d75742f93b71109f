import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { UnidentifiedDevice } from '../../../../shared/domain/device';
import { devicesLoaded } from '../../stores/devices-store';
import { discoveryStatusReceived } from '../../stores/discovery-store';
import { device, discoveryStatus } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { UnidentifiedSection } from './unidentified-section';

afterEach(resetAll);

const failing = (over: Partial<UnidentifiedDevice>): UnidentifiedDevice => ({
  source: 'mdns',
  address: '127.0.0.1:8101',
  announcedAs: 'shellyplus1pm-a8032a000101',
  deviceId: null,
  reason: 'GET /shelly: HTTP 500 Internal Server Error',
  firstFailedAt: 1_000,
  lastFailedAt: 2_000,
  ...over,
});

describe('devices not identified', () => {
  it('lists each with its address, how it was found, its name and the reason', () => {
    devicesLoaded([device(2, { name: 'Boiler' })]);
    discoveryStatusReceived(
      discoveryStatus({
        unidentified: [
          failing({}),
          failing({ source: 'manual', address: '127.0.0.1:8002', announcedAs: null, deviceId: device(2).id }),
        ],
      }),
    );
    render(<UnidentifiedSection />);
    expect(screen.getByRole('heading', { name: 'Not identified (2)' })).toBeTruthy();
    const rows = within(screen.getByRole('table', { name: 'Devices not identified' })).getAllByRole('row');
    const cells = (i: number) =>
      within(rows[i]!)
        .getAllByRole('cell')
        .slice(0, 4)
        .map((c) => c.textContent);
    expect(cells(1)).toEqual([
      '127.0.0.1:8101',
      'announced on mDNS',
      'shellyplus1pm-a8032a000101',
      'GET /shelly: HTTP 500 Internal Server Error',
    ]);
    expect(cells(2).slice(0, 3)).toEqual(['127.0.0.1:8002', 'added by address', 'Boiler']);
  });

  it('shows nothing while every device was identified', () => {
    discoveryStatusReceived(discoveryStatus());
    const { container } = render(<UnidentifiedSection />);
    expect(container.textContent).toBe('');
  });
});
