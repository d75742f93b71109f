import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SerialPortStatus } from '../../../../shared/domain/discovery';
import { devicesLoaded } from '../../stores/devices-store';
import { device } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { SerialPortRow } from './serial-port-row';

afterEach(resetAll);

const port = (deviceId: string): SerialPortStatus => ({
  path: '/dev/ttyUSB0',
  manufacturer: 'Silicon Labs',
  serialNumber: null,
  vendorId: '10c4',
  productId: 'ea60',
  chip: 'CP2102',
  likelyFamilies: ['tasmota'],
  listed: true,
  probe: 'found',
  deviceId: deviceId as SerialPortStatus['deviceId'],
  lastError: null,
});

function renderRow(status: SerialPortStatus) {
  render(
    <table>
      <tbody>
        <SerialPortRow port={status} />
      </tbody>
    </table>,
  );
  return screen.getByRole('row');
}

describe('a probed serial port', () => {
  it('names the device it found, not its mac: id', () => {
    const pump = device(1, { name: 'Pump room' });
    devicesLoaded([pump]);
    const row = renderRow(port(pump.id));
    expect(row.textContent).toContain('found: Pump room');
    expect(row.textContent).not.toContain(pump.id);
  });

  it('calls a device the inventory does not list yet “a new device”', () => {
    expect(renderRow(port('mac:e868e770036e')).textContent).toContain('found: a new device');
  });
});
