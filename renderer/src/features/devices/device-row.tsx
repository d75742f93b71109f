import { memo, type ChangeEvent } from 'react';
import { deviceLabel } from '../../../../shared/domain/device';
import { useDevice } from '../../stores/devices-store';
import { useSelection } from '../../stores/selection-store';
import { OnlineState, SourceBadges, TagChips } from './device-cells';
import { rowCheckboxClicked } from './inventory-intents';

export const ROW_HEIGHT = 32;

export const rowDomId = (deviceId: string) => `device-row-${deviceId}`;

// React reports a checkbox's change from the click event, so the modifier keys are on the native event.
const shiftOf = (event: ChangeEvent<HTMLInputElement>) => (event.nativeEvent as MouseEvent).shiftKey === true;

/** One device in the grid. Clicks on the row itself are handled by the table (one delegated handler). */
export const DeviceRow = memo(function DeviceRow({ id, rowIndex }: { id: string; rowIndex: number }) {
  const device = useDevice(id);
  const isSelected = useSelection((s) => s.selection[id] === true);
  const isFocused = useSelection((s) => s.focusedId === id);
  if (!device) return null;
  const label = deviceLabel(device);
  const className = [isSelected && 'selected', isFocused && 'focused', device.online || 'is-offline']
    .filter(Boolean)
    .join(' ');
  return (
    <tr
      id={rowDomId(id)}
      data-device-id={id}
      aria-rowindex={rowIndex}
      aria-selected={isSelected}
      aria-label={label}
      className={className}
    >
      <td className="c-select">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select ${label}`}
          checked={isSelected}
          onChange={(e) => rowCheckboxClicked(id, shiftOf(e))}
        />
      </td>
      <td className="device-name" title={label}>
        {label}
        {device.neverTouch && (
          <span className="never-touch-badge" title="Never touch: jobs skip this device">
            never touch
          </span>
        )}
      </td>
      <td>{device.family}</td>
      <td title={device.product ?? undefined}>
        {device.model}
        {device.chip && <span className="chip-label"> · {device.chip}</span>}
      </td>
      <td title={device.firmware}>{device.firmware}</td>
      <td className="mono" title={device.address ?? undefined}>
        {device.address ?? '—'}
      </td>
      <td>
        <SourceBadges sources={device.sources} />
      </td>
      <td>
        <OnlineState device={device} />
      </td>
      <td title={device.tags.join(', ')}>
        <TagChips tags={device.tags} />
      </td>
    </tr>
  );
});
