import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { UnidentifiedDevice } from '../../../../shared/domain/device';
import { discoveryStatusReceived } from '../../stores/discovery-store';
import { useUi } from '../../stores/ui-store';
import { discoveryStatus } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { UnidentifiedNotice } from './unidentified-notice';

afterEach(resetAll);

const failing = (port: number): UnidentifiedDevice => ({
  source: 'mdns',
  address: `127.0.0.1:${port}`,
  announcedAs: null,
  deviceId: null,
  reason: 'GET /shelly: HTTP 500 Internal Server Error',
  firstFailedAt: 1,
  lastFailedAt: 2,
});

function View() {
  return <span data-testid="view">{useUi((s) => s.view)}</span>;
}

describe('the inventory notice for devices not identified', () => {
  it('counts them and leads to the discovery view, and is gone when there are none', () => {
    discoveryStatusReceived(discoveryStatus({ unidentified: [failing(8101), failing(8102)] }));
    render(
      <>
        <UnidentifiedNotice />
        <View />
      </>,
    );
    expect(screen.getByTestId('unidentified-notice').textContent).toContain(
      '2 devices answered but could not be identified.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'See why in Discovery' }));
    expect(screen.getByTestId('view').textContent).toBe('discovery');
    act(() => discoveryStatusReceived(discoveryStatus()));
    expect(screen.queryByTestId('unidentified-notice')).toBeNull();
  });
});
