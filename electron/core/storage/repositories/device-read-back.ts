import type { DeviceId } from '../../../../shared/domain/device';
import { richerFirmware } from '../../inventory/sighting-merge';
import type { statementCache } from '../statement-cache';

/** What a device said about itself right after a verified job step (its own identify reply). */
export interface ReadBack {
  /** The version it runs now, as it reports it. */
  firmware: string;
  /** The name its configuration gives it; null when it has none. */
  name: string | null;
  /** The chip, when this reply could tell it; null or absent keeps the stored one. */
  chip?: string | null;
  /** The reply as the device sent it. */
  raw: unknown;
}

/**
 * Writes a read-back into the device's row, whatever source brought the device in (mDNS, MQTT, serial, an
 * address, a CSV row, a range scan): only mDNS re-announces a device after an update, so without this the
 * others kept the version of their first sighting. The longer spelling of the same version is kept
 * (`14.4.0(release-tasmota)` over `14.4.0`), by the rule sightings follow (`richerFirmware`). Returns true
 * when a stored value changed.
 */
export function writeReadBack(
  sql: ReturnType<typeof statementCache>,
  id: DeviceId,
  readBack: ReadBack,
  at: number,
): boolean {
  const stored = sql('SELECT firmware, name, chip FROM devices WHERE id = ?').get(id) as
    { firmware: string; name: string | null; chip: string | null } | undefined;
  if (!stored) return false;
  const firmware = richerFirmware(stored.firmware, readBack.firmware);
  const chip = readBack.chip ?? stored.chip;
  const changed = firmware !== stored.firmware || readBack.name !== stored.name || chip !== stored.chip;
  sql(
    `UPDATE devices SET firmware = @firmware, name = @name, chip = @chip, identify_json = @raw,
       last_seen_at = max(last_seen_at, @at) WHERE id = @id`,
  ).run({ id, firmware, name: readBack.name, chip, raw: JSON.stringify(readBack.raw ?? null), at });
  return changed;
}
