import type { Migration } from './migration';

/**
 * Broker URLs lose their `user:password@`: the user info (everything before the authority's last `@`, RFC
 * 3986 §3.2) is moved to `broker_url_credentials`, from where the discovery settings service moves it to the
 * username column and the secret store at the next start and deletes the row. SQL cannot reach the secret
 * store, hence the hand-over table. Brokers also get a name (null: shown by host).
 */
export const migration0010BrokerUrlCredentials: Migration = {
  version: 10,
  name: 'broker-url-credentials',
  sql: `
ALTER TABLE brokers ADD COLUMN name TEXT;

CREATE TABLE broker_url_credentials (
  broker_id TEXT PRIMARY KEY REFERENCES brokers(id) ON DELETE CASCADE,
  user_info TEXT NOT NULL
) STRICT;

INSERT INTO broker_url_credentials (broker_id, user_info)
WITH rest AS (
  SELECT id, substr(url, instr(url, '://') + 3) AS r FROM brokers WHERE instr(url, '://') > 0
), authority AS (
  SELECT id, substr(r, 1, min(
    CASE WHEN instr(r, '/') > 0 THEN instr(r, '/') ELSE length(r) + 1 END,
    CASE WHEN instr(r, '?') > 0 THEN instr(r, '?') ELSE length(r) + 1 END,
    CASE WHEN instr(r, '#') > 0 THEN instr(r, '#') ELSE length(r) + 1 END) - 1) AS a
  FROM rest
), through_last_at AS (
  SELECT id, rtrim(a, replace(a, '@', '')) AS t FROM authority WHERE instr(a, '@') > 0
)
SELECT id, substr(t, 1, length(t) - 1) FROM through_last_at;

UPDATE brokers SET url =
  substr(url, 1, instr(url, '://') + 2) ||
  substr(url, instr(url, '://') + 3 + length(
    (SELECT user_info FROM broker_url_credentials c WHERE c.broker_id = brokers.id)) + 1)
WHERE id IN (SELECT broker_id FROM broker_url_credentials);
`,
};
