import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../../shared/domain/device';
import type { DevicePlan } from '../../../../shared/domain/job';
import { PlanDevicesTable } from './plan-devices-table';

function plan(n: number, overrides: Partial<DevicePlan>): DevicePlan {
  return {
    deviceId: `mac:a8032ab1234${n}` as DeviceId,
    deviceName: `Hall Plug ${n}`,
    family: 'shelly',
    model: 'SNSW-001P16EU',
    online: true,
    currentVersion: '1.5.0',
    targetVersion: '1.6.0',
    steps: ['firmware-update'],
    wave: 0,
    skip: null,
    deferred: false,
    ...overrides,
  };
}

describe('PlanDevicesTable', () => {
  it('shows the version change for a device that runs, and only its version, with the precise reason, for one skipped', () => {
    render(
      <PlanDevicesTable
        hasCanary={false}
        devices={[
          plan(1, {}),
          plan(2, {
            currentVersion: '1.6.0',
            steps: [],
            wave: null,
            skip: { reason: 'already-on-target', message: 'already on 1.6.0' },
          }),
        ]}
      />,
    );
    const rows = within(screen.getByRole('table', { name: 'Dry run devices' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows[0]!.textContent).toContain('1.5.0 → 1.6.0');
    expect(rows[1]!.textContent).not.toContain('→');
    expect(rows[1]!.textContent).toContain('skipped: already on 1.6.0');
    expect(rows[1]!.textContent).not.toContain('it already runs the target version');
  });
});
