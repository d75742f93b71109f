import { brokerHost } from '../../../../shared/domain/broker-url';
import type { BrokerId, BrokerSettings } from '../../../../shared/domain/settings';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';

interface BrokerRow {
  id: string;
  name: string | null;
  url: string;
  username: string | null;
  has_password: number;
  ca_pem: string | null;
  enabled: number;
}

/** A broker as stored: `name` null means "shown by its host". */
export type StoredBroker = Omit<BrokerSettings, 'name'> & { name: string | null };

/** User info a migration took out of a broker URL (raw, percent-encoded), waiting for the secret store. */
export interface UrlCredentials {
  brokerId: BrokerId;
  userInfo: string;
}

/** Key/value settings (JSON values) and the broker list. Secrets are not stored here (SecretStore). */
export class SettingsRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** The stored value, or `fallback` when absent or unreadable. */
  read<T>(key: string, fallback: T, validate: (value: unknown) => T | null): T {
    const row = this.sql('SELECT value_json FROM settings WHERE key = ?').get(key) as
      { value_json: string } | undefined;
    if (!row) return fallback;
    try {
      return validate(JSON.parse(row.value_json)) ?? fallback;
    } catch {
      return fallback;
    }
  }

  write(key: string, value: unknown): void {
    this.sql(
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
    ).run(key, JSON.stringify(value));
  }

  brokers(): BrokerSettings[] {
    return (this.sql('SELECT * FROM brokers ORDER BY created_at, id').all() as BrokerRow[]).map((row) => ({
      id: row.id as BrokerId,
      name: row.name ?? brokerHost(row.url),
      url: row.url,
      username: row.username,
      hasPassword: row.has_password === 1,
      caPem: row.ca_pem,
      enabled: row.enabled === 1,
    }));
  }

  saveBroker(broker: StoredBroker, at: number): void {
    this.sql(
      `INSERT INTO brokers (id, name, url, username, has_password, ca_pem, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, url = excluded.url, username = excluded.username,
         has_password = excluded.has_password, ca_pem = excluded.ca_pem, enabled = excluded.enabled`,
    ).run(
      broker.id,
      broker.name,
      broker.url,
      broker.username,
      broker.hasPassword ? 1 : 0,
      broker.caPem,
      broker.enabled ? 1 : 0,
      at,
    );
  }

  /** The stored name of one broker (null: none given). */
  brokerName(id: BrokerId): string | null {
    const row = this.sql('SELECT name FROM brokers WHERE id = ?').get(id) as
      { name: string | null } | undefined;
    return row?.name ?? null;
  }

  urlCredentials(): UrlCredentials[] {
    return (
      this.sql('SELECT broker_id, user_info FROM broker_url_credentials').all() as {
        broker_id: string;
        user_info: string;
      }[]
    ).map((row) => ({ brokerId: row.broker_id as BrokerId, userInfo: row.user_info }));
  }

  /** Records where moved URL credentials went and forgets them here, in one transaction. */
  urlCredentialsMoved(id: BrokerId, to: { username: string | null; hasPassword: boolean }): void {
    this.db.transaction(() => {
      this.sql('UPDATE brokers SET username = ?, has_password = ? WHERE id = ?').run(
        to.username,
        to.hasPassword ? 1 : 0,
        id,
      );
      this.sql('DELETE FROM broker_url_credentials WHERE broker_id = ?').run(id);
    })();
  }

  /**
   * Rewrites the database file and empties the WAL, so text deleted from rows (moved credentials) no longer
   * sits in free pages of either. Costly on a large file: only for a one-time clean-up.
   */
  purgeDeletedText(): void {
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  removeBroker(id: BrokerId): boolean {
    return this.sql('DELETE FROM brokers WHERE id = ?').run(id).changes > 0;
  }
}
