import type {
  DeviceFamily,
  DeviceId,
  DeviceSummary,
  Endpoint,
  OfflineReason,
} from '../../../shared/domain/device';
import type { IdentifiedDevice } from '../drivers/device-driver';

/** A device as a job starts it. */
export interface JobTarget {
  family: DeviceFamily;
  mac: string | null;
  model: string;
  online: boolean;
  /** Why it is offline, as the inventory says (null while online): a job waiting for it says the same. */
  offlineReason: OfflineReason | null;
  /** Best first: online ones, then the most recently seen. */
  endpoints: Endpoint[];
}

/**
 * What jobs need of the inventory, and no more. The device repository satisfies it; tests may pass any
 * object of this shape.
 */
export interface DeviceLookup {
  /** The device as a job starts it, or null when it is no longer in the inventory. */
  jobTarget(id: DeviceId): JobTarget | null;
  /** Many devices in one read (a scheduling pass); devices not in the inventory are absent from the map. */
  jobTargets(ids: readonly DeviceId[]): Map<DeviceId, JobTarget>;
  /** The device's name as every screen shows it (`deviceLabel`), or null when it is not in the inventory. */
  label(id: DeviceId): string | null;
  /**
   * Writes what the device said about itself after a verified step; returns the changed summary, or null
   * when nothing stored changed (or the device is gone).
   */
  recordReadBack(
    id: DeviceId,
    readBack: Pick<IdentifiedDevice, 'firmware' | 'name' | 'chip' | 'raw'>,
    at: number,
  ): DeviceSummary | null;
}
