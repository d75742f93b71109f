import type {
  TemplateChange,
  TemplateId,
  TemplateSave,
  TemplateSummary,
  TemplateVersion,
  TemplateVersionMeta,
} from '../../../shared/domain/templates';
import { DomainError } from '../errors';
import type { Clock, IdSource } from '../ports';
import type { TemplateRepository } from '../storage/repositories/template-repository';
import { jsonDiff } from './json-diff';
import { exportTemplate, importTemplate, type TemplateFileFormat } from './template-file';

const notFound = (id: TemplateId, version?: number) =>
  new DomainError('NOT_FOUND', `no template ${id}${version === undefined ? '' : ` version ${version}`}`);

/** A file name safe on every OS, from the template's name. */
const fileBase = (name: string) =>
  name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'template';

/** Job templates with version history, diff, restore, and JSON/YAML export/import. */
export class TemplateService {
  constructor(private readonly deps: { repo: TemplateRepository; ids: IdSource; clock: Clock }) {}

  /** Newest change first. */
  list(): TemplateSummary[] {
    return this.deps.repo.list();
  }

  /** A new template, or a new version of `templateId` (NOT_FOUND when it does not exist). */
  save(input: TemplateSave): TemplateVersion {
    if (input.templateId && !this.deps.repo.exists(input.templateId)) throw notFound(input.templateId);
    const id = input.templateId ?? (this.deps.ids.next('tpl') as TemplateId);
    const version = this.deps.repo.addVersion({
      id,
      name: input.name,
      spec: input.spec,
      note: input.note,
      at: this.deps.clock.now(),
    });
    return this.get(id, version);
  }

  /**
   * One version, the current one when `version` is absent. NOT_FOUND when unknown; CONFLICT when its spec
   * was saved in a job format this app no longer accepts (history still lists it).
   */
  get(id: TemplateId, version?: number): TemplateVersion {
    const stored = this.deps.repo.version(id, version);
    if (!stored) throw notFound(id, version);
    if (stored.isValid) return stored.version;
    throw new DomainError(
      'CONFLICT',
      `version ${stored.meta.version} of template "${stored.meta.name}" no longer fits the job format (${stored.problem})`,
      { templateId: id, version: stored.meta.version, problem: stored.problem },
    );
  }

  /** Every version, newest first, without specs. */
  history(id: TemplateId): TemplateVersionMeta[] {
    if (!this.deps.repo.exists(id)) throw notFound(id);
    return this.deps.repo.history(id);
  }

  /**
   * Field-by-field changes from version `from` to `to`, at the paths a template file uses: `name` for the
   * template's name, `spec.<dotted path>` for the job spec (`spec.policy.retries.max`, `spec.steps.1.images.0`).
   */
  diff(id: TemplateId, from: number, to: number): TemplateChange[] {
    const a = this.get(id, from);
    const b = this.get(id, to);
    return jsonDiff({ name: a.name, spec: a.spec }, { name: b.name, spec: b.spec });
  }

  /** Restoring never rewrites history: the old content becomes a new, current version. */
  restore(id: TemplateId, version: number): TemplateVersion {
    const old = this.get(id, version);
    return this.save({ templateId: id, name: old.name, spec: old.spec, note: `restored version ${version}` });
  }

  /** Removes the template and its whole history; false when there was none. */
  delete(id: TemplateId): boolean {
    return this.deps.repo.delete(id);
  }

  export(
    id: TemplateId,
    version: number | undefined,
    format: TemplateFileFormat,
  ): { fileName: string; content: string } {
    const t = this.get(id, version);
    return {
      fileName: `${fileBase(t.name)}.v${t.version}.${format}`,
      content: exportTemplate(t.name, t.spec, format),
    };
  }

  /**
   * Imports a file as a new template. When it does not validate nothing is stored, and INVALID_INPUT carries
   * every issue (`path`, `line`, `message`) in `details`; the message names the first one.
   */
  import(content: string): TemplateVersion {
    const result = importTemplate(content);
    if (!result.ok) {
      const first = result.issues[0]!;
      const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more)` : '';
      throw new DomainError(
        'INVALID_INPUT',
        `${first.path}${first.line === null ? '' : ` (line ${first.line})`}: ${first.message}${more}`,
        result.issues,
      );
    }
    return this.save({ name: result.name, spec: result.spec, note: 'imported' });
  }
}
