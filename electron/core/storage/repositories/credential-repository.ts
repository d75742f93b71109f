import type { DeviceId } from '../../../../shared/domain/device';
import type { CredentialSet, CredentialSetId } from '../../../../shared/domain/credentials';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';

interface Row {
  id: string;
  name: string;
  username: string;
  is_site_default: number;
  created_at: number;
  updated_at: number;
  devices: number;
}

const toSet = (r: Row): CredentialSet => ({
  id: r.id as CredentialSetId,
  name: r.name,
  username: r.username,
  siteDefault: r.is_site_default === 1,
  deviceCount: r.devices,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Credential sets (names and user names; passwords live in the SecretStore) and which device uses which. */
export class CredentialRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  list(): CredentialSet[] {
    return (
      this.sql(
        `SELECT c.*, (SELECT count(*) FROM device_credentials d WHERE d.credential_set_id = c.id) AS devices
         FROM credential_sets c ORDER BY c.name COLLATE NOCASE`,
      ).all() as Row[]
    ).map(toSet);
  }

  get(id: CredentialSetId): CredentialSet | null {
    return this.list().find((c) => c.id === id) ?? null;
  }

  save(set: Omit<CredentialSet, 'deviceCount'>): void {
    this.db.transaction(() => {
      if (set.siteDefault)
        this.sql('UPDATE credential_sets SET is_site_default = 0 WHERE id <> ?').run(set.id);
      this.sql(
        `INSERT INTO credential_sets (id, name, username, is_site_default, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, username = excluded.username,
           is_site_default = excluded.is_site_default, updated_at = excluded.updated_at`,
      ).run(set.id, set.name, set.username, set.siteDefault ? 1 : 0, set.createdAt, set.updatedAt);
    })();
  }

  delete(id: CredentialSetId): boolean {
    return this.sql('DELETE FROM credential_sets WHERE id = ?').run(id).changes > 0;
  }

  /** Assigns a set to devices (null removes their own set, so the site default applies). */
  assign(deviceIds: readonly DeviceId[], id: CredentialSetId | null): void {
    this.db.transaction(() => {
      for (const deviceId of deviceIds) {
        if (id === null) this.sql('DELETE FROM device_credentials WHERE device_id = ?').run(deviceId);
        else
          this.sql(
            `INSERT INTO device_credentials (device_id, credential_set_id) SELECT ?, ? WHERE EXISTS (SELECT 1 FROM devices WHERE id = ?)
             ON CONFLICT (device_id) DO UPDATE SET credential_set_id = excluded.credential_set_id`,
          ).run(deviceId, id, deviceId);
      }
    })();
  }

  /** The set that logs in to a device: its own, else the site default, else none. */
  setFor(deviceId: DeviceId): CredentialSetId | null {
    const own = this.sql('SELECT credential_set_id AS id FROM device_credentials WHERE device_id = ?').get(
      deviceId,
    ) as { id: string } | undefined;
    if (own) return own.id as CredentialSetId;
    const site = this.sql('SELECT id FROM credential_sets WHERE is_site_default = 1').get() as
      { id: string } | undefined;
    return site ? (site.id as CredentialSetId) : null;
  }
}
