import type { BundleDevice } from '../../../../shared/domain/bundle';
import { endpointKey } from '../../discovery/endpoint-key';
import { NOT_SEEN } from '../../inventory/device-presence';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';

/**
 * Devices a site bundle brings (electron/core/bundle/): new rows offline and `not-seen` with their
 * addresses, so discovery and liveness find them on site; and the whole import as one transaction.
 */
export class BundleDeviceRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Runs `work` in one transaction (repositories' own transactions nest in it as savepoints). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** A device this inventory lacks: not seen here yet, no identify payload until a driver identifies it. */
  insert(device: BundleDevice): void {
    this.sql(
      `INSERT INTO devices (id, family, name, custom_name, model, product, generation, firmware, mac, chip,
         online, offline_reason, identify_json, first_seen_at, last_seen_at, notes, never_touch)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '{}', ?, ?, ?, ?)`,
    ).run(
      device.id,
      device.family,
      device.name,
      device.customName,
      device.model,
      device.product,
      device.generation,
      device.firmware,
      device.mac,
      device.chip,
      NOT_SEEN,
      device.firstSeenAt,
      device.lastSeenAt,
      device.notes,
      device.neverTouch ? 1 : 0,
    );
    const endpoint = this.sql(
      `INSERT OR IGNORE INTO endpoints (device_id, source, transport, endpoint_key, endpoint_json, online,
         offline_reason, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    );
    for (const e of device.endpoints) {
      endpoint.run(
        device.id,
        e.source,
        e.endpoint.transport,
        endpointKey(e.endpoint),
        JSON.stringify(e.endpoint),
        NOT_SEEN,
        device.firstSeenAt,
        device.lastSeenAt,
      );
    }
    const tag = this.sql('INSERT OR IGNORE INTO device_tags (device_id, tag) VALUES (?, ?)');
    for (const t of device.tags) tag.run(device.id, t);
  }
}
