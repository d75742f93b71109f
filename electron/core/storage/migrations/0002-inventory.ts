import type { Migration } from './migration';

/**
 * Inventory of issue 4: endpoints of every transport with per-source online state, tags, notes,
 * "never touch", sighting history, groups, settings and brokers. Endpoints of 0001 (HTTP via mDNS) move over.
 */
export const migration0002Inventory: Migration = {
  version: 2,
  name: 'inventory',
  sql: `
ALTER TABLE devices ADD COLUMN custom_name TEXT;
ALTER TABLE devices ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE devices ADD COLUMN never_touch INTEGER NOT NULL DEFAULT 0;

CREATE TABLE endpoints (
  device_id      TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  source         TEXT NOT NULL,
  transport      TEXT NOT NULL,
  endpoint_key   TEXT NOT NULL,
  endpoint_json  TEXT NOT NULL,
  online         INTEGER NOT NULL,
  offline_reason TEXT,
  first_seen_at  INTEGER NOT NULL,
  last_seen_at   INTEGER NOT NULL,
  PRIMARY KEY (device_id, source, transport)
) STRICT;
CREATE INDEX endpoints_key ON endpoints(source, transport, endpoint_key);

INSERT INTO endpoints (device_id, source, transport, endpoint_key, endpoint_json, online, offline_reason,
                       first_seen_at, last_seen_at)
SELECT e.device_id, e.source, e.transport, e.host || ':' || e.port,
       json_object('transport', 'http', 'host', e.host, 'port', e.port),
       d.online, d.offline_reason, e.last_seen_at, e.last_seen_at
FROM device_endpoints e JOIN devices d ON d.id = e.device_id;
DROP TABLE device_endpoints;

CREATE TABLE device_tags (
  device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  tag       TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (device_id, tag)
) STRICT;
CREATE INDEX device_tags_tag ON device_tags(tag);

CREATE TABLE device_sightings (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  at        INTEGER NOT NULL,
  source    TEXT NOT NULL,
  event     TEXT NOT NULL,
  detail    TEXT NOT NULL
) STRICT;
CREATE INDEX device_sightings_device ON device_sightings(device_id, seq);

CREATE TABLE device_groups (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('static', 'smart')),
  filter_json TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE group_members (
  group_id  TEXT NOT NULL REFERENCES device_groups(id) ON DELETE CASCADE,
  device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, device_id)
) STRICT;

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value_json TEXT NOT NULL
) STRICT;

CREATE TABLE brokers (
  id           TEXT PRIMARY KEY,
  url          TEXT NOT NULL,
  username     TEXT,
  has_password INTEGER NOT NULL DEFAULT 0,
  ca_pem       TEXT,
  enabled      INTEGER NOT NULL DEFAULT 1,
  created_at   INTEGER NOT NULL
) STRICT;
`,
};
