import { render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { device } from '../../test-support/fixtures';
import { resetAll } from '../../test-support/reset-stores';
import { OnlineState } from './device-cells';

afterEach(resetAll);

describe('the online cell', () => {
  it('says why a device is offline in words, as the dry run and the job monitor do', () => {
    const { container } = render(
      <OnlineState device={device(1, { online: false, offlineReason: 'timeout' })} />,
    );
    expect(container.textContent).toContain('offline (it stopped answering)');
    expect(container.textContent).not.toContain('(timeout)');
  });
});
