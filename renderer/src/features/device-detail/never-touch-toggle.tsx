import type { DeviceId, DeviceSummary } from '../../../../shared/domain/device';
import { editDevice } from './device-actions';

export function NeverTouchToggle({ device }: { device: DeviceSummary }) {
  return (
    <label className="never-touch">
      <input
        type="checkbox"
        checked={device.neverTouch}
        onChange={(e) => void editDevice({ id: device.id as DeviceId, neverTouch: e.target.checked })}
      />
      Never touch (jobs skip this device)
    </label>
  );
}
