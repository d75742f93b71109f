import { deviceLabel } from '../../../shared/domain/device';
import { useDevice } from '../stores/devices-store';

/** A device named as lists name it (never its `mac:…` id); one the inventory has not loaded yet is "a new device". */
export function DeviceName({ id }: { id: string }) {
  const device = useDevice(id);
  return <>{device ? deviceLabel(device) : 'a new device'}</>;
}
