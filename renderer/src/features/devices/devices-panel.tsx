import { useState } from 'react';
import { useDeviceCounts, useDeviceOrder } from '../../stores/devices-store';
import { selectionReplaced, useUi } from '../../stores/ui-store';
import { DeviceRow } from './device-row';
import { RebootBar } from './reboot-bar';

export function DevicesPanel() {
  const order = useDeviceOrder();
  const { total, online } = useDeviceCounts();
  const selectedCount = useUi((s) => Object.keys(s.selection).length);
  const [allChecked, setAllChecked] = useState(false);
  const toggleAll = () => {
    selectionReplaced(allChecked ? [] : order);
    setAllChecked(!allChecked);
  };
  return (
    <section className="panel" aria-labelledby="devices-title">
      <header className="panel-header">
        <h2 id="devices-title">Devices</h2>
        <span data-testid="device-counts">
          {total} devices, {online} online
        </span>
      </header>
      <RebootBar selectedCount={selectedCount} />
      <table className="grid" aria-label="Devices">
        <thead>
          <tr>
            <th>
              <input
                type="checkbox"
                aria-label="Select all devices"
                checked={allChecked && selectedCount > 0}
                onChange={toggleAll}
              />
            </th>
            <th>Name</th>
            <th>Model</th>
            <th>Firmware</th>
            <th>Address</th>
            <th>State</th>
            <th>Last seen</th>
          </tr>
        </thead>
        <tbody>
          {order.map((id) => (
            <DeviceRow key={id} id={id} />
          ))}
        </tbody>
      </table>
      {total === 0 && <p className="empty">Looking for devices on the network…</p>}
    </section>
  );
}
