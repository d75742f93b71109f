import { deviceLabel } from '../../../../shared/domain/device';
import { formatTime } from '../../components/time-ago';
import { useDevice } from '../../stores/devices-store';
import { selectionToggled, useUi } from '../../stores/ui-store';

export function DeviceRow({ id }: { id: string }) {
  const device = useDevice(id);
  const selected = useUi((s) => Boolean(s.selection[id]));
  if (!device) return null;
  const label = deviceLabel(device);
  return (
    <tr data-device-id={id} aria-selected={selected} className={selected ? 'selected' : undefined}>
      <td>
        <input
          type="checkbox"
          aria-label={`Select ${label}`}
          checked={selected}
          onChange={() => selectionToggled(id)}
        />
      </td>
      <td className="device-name">{label}</td>
      <td>{device.model}</td>
      <td>{device.firmware}</td>
      <td className="mono">{device.address ?? '—'}</td>
      <td>
        <span className={device.online ? 'online' : 'offline'} data-online={device.online}>
          {device.online ? 'online' : `offline${device.offlineReason ? ` (${device.offlineReason})` : ''}`}
        </span>
      </td>
      <td>{formatTime(device.lastSeenAt)}</td>
    </tr>
  );
}
