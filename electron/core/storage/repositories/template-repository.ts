import { JobSpecSchema, type JobSpec } from '../../../../shared/domain/job';
import type { TemplateId, TemplateSummary, TemplateVersion } from '../../../../shared/domain/templates';
import type { Db } from '../database';
import { statementCache } from '../statement-cache';

interface SummaryRow {
  id: string;
  name: string;
  current_version: number;
  versions: number;
  created_at: number;
  updated_at: number;
}

interface VersionRow {
  template_id: string;
  version: number;
  name: string;
  spec_json: string;
  note: string;
  created_at: number;
}

/** Templates and their append-only version history. */
export class TemplateRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  list(): TemplateSummary[] {
    const rows = this.sql(
      `SELECT t.*, (SELECT count(*) FROM template_versions v WHERE v.template_id = t.id) AS versions
       FROM templates t ORDER BY t.name COLLATE NOCASE, t.id`,
    ).all() as SummaryRow[];
    return rows.map((r) => ({
      id: r.id as TemplateId,
      name: r.name,
      version: r.current_version,
      versions: r.versions,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  /** Appends a version and makes it current; creates the template on its first version. */
  addVersion(input: { id: TemplateId; name: string; spec: JobSpec; note: string; at: number }): number {
    return this.db.transaction(() => {
      const current = this.sql('SELECT current_version FROM templates WHERE id = ?').get(input.id) as
        { current_version: number } | undefined;
      const version = (current?.current_version ?? 0) + 1;
      if (current) {
        this.sql('UPDATE templates SET name = ?, current_version = ?, updated_at = ? WHERE id = ?').run(
          input.name,
          version,
          input.at,
          input.id,
        );
      } else {
        this.sql(
          'INSERT INTO templates (id, name, current_version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)',
        ).run(input.id, input.name, input.at, input.at);
      }
      this.sql(
        'INSERT INTO template_versions (template_id, version, name, spec_json, note, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(input.id, version, input.name, JSON.stringify(input.spec), input.note, input.at);
      return version;
    })();
  }

  /** A version (the current one when absent); null when unknown or its stored spec no longer validates. */
  version(id: TemplateId, version?: number): TemplateVersion | null {
    const row = (
      version === undefined
        ? this.sql(
            `SELECT v.* FROM template_versions v JOIN templates t ON t.id = v.template_id AND v.version = t.current_version
             WHERE t.id = ?`,
          ).get(id)
        : this.sql('SELECT * FROM template_versions WHERE template_id = ? AND version = ?').get(id, version)
    ) as VersionRow | undefined;
    if (!row) return null;
    const spec = JobSpecSchema.safeParse(JSON.parse(row.spec_json));
    if (!spec.success) return null;
    return {
      templateId: id,
      version: row.version,
      name: row.name,
      spec: spec.data,
      note: row.note,
      createdAt: row.created_at,
    };
  }

  history(id: TemplateId): Omit<TemplateVersion, 'spec'>[] {
    const rows = this.sql(
      'SELECT template_id, version, name, note, created_at FROM template_versions WHERE template_id = ? ORDER BY version DESC',
    ).all(id) as Omit<VersionRow, 'spec_json'>[];
    return rows.map((r) => ({
      templateId: id,
      version: r.version,
      name: r.name,
      note: r.note,
      createdAt: r.created_at,
    }));
  }

  delete(id: TemplateId): boolean {
    return this.sql('DELETE FROM templates WHERE id = ?').run(id).changes > 0;
  }
}
