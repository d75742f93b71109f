import type { DeviceId } from '../../../../shared/domain/device';
import { DeviceFilterSchema, type DeviceFilter } from '../../../../shared/domain/device-filter';
import type { Group, GroupId } from '../../../../shared/domain/group';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';

interface GroupRow {
  id: string;
  name: string;
  kind: 'static' | 'smart';
  filter_json: string | null;
  created_at: number;
  updated_at: number;
  members: string | null;
}

const SELECT_GROUPS = `
  SELECT g.*, (SELECT group_concat(m.device_id) FROM group_members m WHERE m.group_id = g.id) AS members
  FROM device_groups g`;

/** A stored filter that no longer validates matches nothing rather than everything. */
const MATCH_NOTHING: DeviceFilter = { text: '\u0000never' };

function toGroup(row: GroupRow): Group {
  const base = {
    id: row.id as GroupId,
    name: row.name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.kind === 'static') {
    return {
      ...base,
      kind: 'static',
      deviceIds: (row.members ? row.members.split(',') : []).sort() as DeviceId[],
    };
  }
  const parsed = DeviceFilterSchema.safeParse(JSON.parse(row.filter_json ?? 'null'));
  return { ...base, kind: 'smart', filter: parsed.success ? parsed.data : MATCH_NOTHING };
}

/** All SQL about groups. Static members are rows (they vanish with a forgotten device); smart groups store JSON. */
export class GroupRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  list(): Group[] {
    return (this.sql(`${SELECT_GROUPS} ORDER BY g.name COLLATE NOCASE, g.id`).all() as GroupRow[]).map(
      toGroup,
    );
  }

  get(id: GroupId): Group | null {
    const row = this.sql(`${SELECT_GROUPS} WHERE g.id = ?`).get(id) as GroupRow | undefined;
    return row ? toGroup(row) : null;
  }

  insert(group: Group): void {
    this.db.transaction(() => {
      this.sql(
        'INSERT INTO device_groups (id, name, kind, filter_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        group.id,
        group.name,
        group.kind,
        group.kind === 'smart' ? JSON.stringify(group.filter) : null,
        group.createdAt,
        group.updatedAt,
      );
      if (group.kind === 'static') this.writeMembers(group.id, group.deviceIds);
    })();
  }

  /** Replaces name, members or filter of an existing group (the caller checked the kind). */
  save(group: Group): void {
    this.db.transaction(() => {
      this.sql('UPDATE device_groups SET name = ?, filter_json = ?, updated_at = ? WHERE id = ?').run(
        group.name,
        group.kind === 'smart' ? JSON.stringify(group.filter) : null,
        group.updatedAt,
        group.id,
      );
      if (group.kind === 'static') {
        this.sql('DELETE FROM group_members WHERE group_id = ?').run(group.id);
        this.writeMembers(group.id, group.deviceIds);
      }
    })();
  }

  delete(id: GroupId): boolean {
    return this.sql('DELETE FROM device_groups WHERE id = ?').run(id).changes > 0;
  }

  /** Only devices still in the inventory become members (foreign keys would refuse the others). */
  private writeMembers(id: GroupId, deviceIds: readonly DeviceId[]): void {
    const insert = this.sql(
      'INSERT OR IGNORE INTO group_members (group_id, device_id) SELECT ?, id FROM devices WHERE id = ?',
    );
    for (const deviceId of deviceIds) insert.run(id, deviceId);
  }
}
