import { JobSpecSchema, type JobSpec } from '../../../../shared/domain/job';
import { TemplateRefsSchema, type TemplateRefs } from '../../../../shared/domain/template-refs';
import type {
  TemplateId,
  TemplateSummary,
  TemplateVersion,
  TemplateVersionMeta,
} from '../../../../shared/domain/templates';
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

interface MetaRow {
  template_id: string;
  version: number;
  name: string;
  note: string;
  created_at: number;
}

interface VersionRow extends MetaRow {
  spec_json: string;
  refs_json: string | null;
}

/**
 * What a version's ids stand for; null for versions saved before templates kept it (migration 0009), or when
 * the stored text no longer validates: the caller fills in what this install still knows.
 */
function parseRefs(text: string | null): TemplateRefs | null {
  if (text === null) return null;
  try {
    const refs = TemplateRefsSchema.safeParse(JSON.parse(text));
    return refs.success ? refs.data : null;
  } catch {
    return null;
  }
}

/**
 * A stored version. Specs are re-validated on load: one saved under an older job format is reported with the
 * problem instead of being handed out (or crashing the caller).
 */
export type StoredTemplateVersion =
  | { isValid: true; version: Omit<TemplateVersion, 'refs'>; refs: TemplateRefs | null }
  | { isValid: false; meta: TemplateVersionMeta; problem: string };

const toMeta = (row: MetaRow): TemplateVersionMeta => ({
  templateId: row.template_id as TemplateId,
  version: row.version,
  name: row.name,
  note: row.note,
  createdAt: row.created_at,
});

function parseStored(row: VersionRow): StoredTemplateVersion {
  const meta = toMeta(row);
  let json: unknown;
  try {
    json = JSON.parse(row.spec_json);
  } catch {
    return { isValid: false, meta, problem: 'the stored spec is not JSON' };
  }
  const spec = JobSpecSchema.safeParse(json);
  if (spec.success) {
    return { isValid: true, version: { ...meta, spec: spec.data }, refs: parseRefs(row.refs_json) };
  }
  const first = spec.error.issues[0]!;
  return { isValid: false, meta, problem: `${first.path.join('.') || 'spec'}: ${first.message}` };
}

/** Templates and their append-only version history. */
export class TemplateRepository {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Newest change first. */
  list(): TemplateSummary[] {
    const rows = this.sql(
      `SELECT t.id, t.name, t.current_version, t.created_at, t.updated_at,
         (SELECT count(*) FROM template_versions v WHERE v.template_id = t.id) AS versions
       FROM templates t ORDER BY t.updated_at DESC, t.name COLLATE NOCASE, t.id`,
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

  exists(id: TemplateId): boolean {
    return this.sql('SELECT 1 FROM templates WHERE id = ?').get(id) !== undefined;
  }

  /** Appends a version and makes it current; creates the template on its first version. Returns its number. */
  addVersion(input: {
    id: TemplateId;
    name: string;
    spec: JobSpec;
    refs: TemplateRefs;
    note: string;
    at: number;
  }): number {
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
        `INSERT INTO template_versions (template_id, version, name, spec_json, refs_json, note, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.id,
        version,
        input.name,
        JSON.stringify(input.spec),
        JSON.stringify(input.refs),
        input.note,
        input.at,
      );
      return version;
    })();
  }

  /** A version (the current one when `version` is absent); null when the template or version is unknown. */
  version(id: TemplateId, version?: number): StoredTemplateVersion | null {
    const row = (
      version === undefined
        ? this.sql(
            `SELECT v.* FROM template_versions v
             JOIN templates t ON t.id = v.template_id AND v.version = t.current_version
             WHERE t.id = ?`,
          ).get(id)
        : this.sql('SELECT * FROM template_versions WHERE template_id = ? AND version = ?').get(id, version)
    ) as VersionRow | undefined;
    return row ? parseStored(row) : null;
  }

  /** Every version without its spec, newest first. */
  history(id: TemplateId): TemplateVersionMeta[] {
    const rows = this.sql(
      `SELECT template_id, version, name, note, created_at FROM template_versions
       WHERE template_id = ? ORDER BY version DESC`,
    ).all(id) as MetaRow[];
    return rows.map(toMeta);
  }

  /** Removes the template with all its versions; false when there was none. */
  delete(id: TemplateId): boolean {
    return this.sql('DELETE FROM templates WHERE id = ?').run(id).changes > 0;
  }
}
