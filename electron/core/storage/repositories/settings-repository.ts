import type { BrokerId, BrokerSettings } from '../../../../shared/domain/settings';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';

interface BrokerRow {
  id: string;
  url: string;
  username: string | null;
  has_password: number;
  ca_pem: string | null;
  enabled: number;
}

/** Key/value settings (JSON values) and the broker list. Secrets are not stored here (SecretStore). */
export class SettingsRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(db: Db) {
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
      url: row.url,
      username: row.username,
      hasPassword: row.has_password === 1,
      caPem: row.ca_pem,
      enabled: row.enabled === 1,
    }));
  }

  saveBroker(broker: BrokerSettings, at: number): void {
    this.sql(
      `INSERT INTO brokers (id, url, username, has_password, ca_pem, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, username = excluded.username,
         has_password = excluded.has_password, ca_pem = excluded.ca_pem, enabled = excluded.enabled`,
    ).run(
      broker.id,
      broker.url,
      broker.username,
      broker.hasPassword ? 1 : 0,
      broker.caPem,
      broker.enabled ? 1 : 0,
      at,
    );
  }

  removeBroker(id: BrokerId): boolean {
    return this.sql('DELETE FROM brokers WHERE id = ?').run(id).changes > 0;
  }
}
