import type { DeviceId } from '../../../../shared/domain/device';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';

type Row = Record<string, unknown>;

/** Every row a device owns, table by table, as it was when it was forgotten. */
export interface DeviceRemoval {
  ids: DeviceId[];
  rows: Record<OwnedTable, Row[]>;
}

/** The device row first: the others refer to it. Each table's rows are keyed by `device_id`. */
const OWNED_TABLES = [
  'endpoints',
  'device_tags',
  'device_sightings',
  'group_members',
  'device_credentials',
] as const;
type OwnedTable = 'devices' | (typeof OWNED_TABLES)[number];

/** The technician's edits: put back even on a device that was seen again (and so re-created) meanwhile. */
const EDITS = ['custom_name', 'notes', 'never_touch'] as const;

/** Takes devices out of the inventory with everything they own, and puts exactly that back on undo. */
export class DeviceRemovalRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Reads what the devices own, then deletes them (the rows cascade). Unknown ids are left out. */
  remove(ids: readonly DeviceId[]): DeviceRemoval {
    return this.db.transaction(() => {
      const devices = ids.flatMap((id) => this.sql('SELECT * FROM devices WHERE id = ?').all(id) as Row[]);
      const found = devices.map((d) => d.id as DeviceId);
      const rows = { devices } as DeviceRemoval['rows'];
      for (const table of OWNED_TABLES) {
        const select = this.sql(`SELECT * FROM ${table} WHERE device_id = ?`);
        rows[table] = found.flatMap((id) => select.all(id) as Row[]);
      }
      const remove = this.sql('DELETE FROM devices WHERE id = ?');
      for (const id of found) remove.run(id);
      return { ids: found, rows };
    })();
  }

  /**
   * Puts the rows back. A device seen again meanwhile keeps its new sighting and gets back its name, notes,
   * tags, groups and credentials; a group deleted meanwhile is not recreated for it. Returns the devices restored.
   */
  restore(removal: DeviceRemoval): DeviceId[] {
    return this.db.transaction(() => {
      for (const device of removal.rows.devices) {
        if (this.insert('devices', device)) continue;
        const set = EDITS.map((c) => `${c} = @${c}`).join(', ');
        this.sql(`UPDATE devices SET ${set} WHERE id = @id`).run(pick(device, ['id', ...EDITS]));
      }
      for (const table of OWNED_TABLES) {
        for (const row of removal.rows[table]) {
          if (table === 'group_members' && !this.groupExists(row.group_id as string)) continue;
          this.insert(table, row);
        }
      }
      return removal.ids;
    })();
  }

  private groupExists(id: string): boolean {
    return this.sql('SELECT 1 FROM device_groups WHERE id = ?').get(id) !== undefined;
  }

  /** Column names come from the table's own rows, never from outside. */
  private insert(table: OwnedTable, row: Row): boolean {
    const columns = Object.keys(row);
    const text = `INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
    return this.sql(text).run(row).changes > 0;
  }
}

function pick(row: Row, columns: readonly string[]): Row {
  return Object.fromEntries(columns.map((c) => [c, row[c]]));
}
