import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { discoveryStatusReceived } from '../../stores/discovery-store';
import { device, discoveryStatus } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { OnlineState } from './device-cells';

afterEach(resetAll);

const REASON = 'GET /shelly: HTTP 500 Internal Server Error';

describe('the online cell of the inventory', () => {
  it('says a device answering with an error is not identified, with the error on hover, until it answers', () => {
    const known = device(1);
    discoveryStatusReceived(
      discoveryStatus({
        unidentified: [
          {
            source: 'manual',
            address: '127.0.0.1:8001',
            announcedAs: null,
            deviceId: known.id,
            reason: REASON,
            firstFailedAt: 1,
            lastFailedAt: 2,
          },
        ],
      }),
    );
    render(<OnlineState device={known} />);
    const cell = screen.getByText('online, not identified');
    expect(cell.getAttribute('data-online')).toBe('true');
    expect(cell.getAttribute('title')).toBe(REASON);

    act(() => discoveryStatusReceived(discoveryStatus()));
    expect(screen.getByText('online').getAttribute('title')).toBeNull();
  });

  it('says why a device is offline in words, as the dry run and the job monitor do', () => {
    render(<OnlineState device={device(1, { online: false, offlineReason: 'timeout' })} />);
    const cell = screen.getByText('offline (it stopped answering)');
    expect(cell.getAttribute('data-online')).toBe('false');
    expect(cell.textContent).not.toContain('(timeout)');
  });
});
