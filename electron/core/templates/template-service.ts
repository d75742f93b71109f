import { EMPTY_TEMPLATE_REFS, type TemplateRefs } from '../../../shared/domain/template-refs';
import type {
  TemplateChange,
  TemplateId,
  TemplateLoad,
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
import { refsOf, type TemplateSurroundings } from './template-refs';
import { resolveTemplate } from './template-resolve';

const notFound = (id: TemplateId, version?: number) =>
  new DomainError('NOT_FOUND', `no template ${id}${version === undefined ? '' : ` version ${version}`}`);

/** A file name safe on every OS, from the template's name. */
const fileBase = (name: string) =>
  name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'template';

/**
 * Job templates with version history, diff, restore, and JSON/YAML export/import. Each version keeps what its
 * group ids and image hashes stand for (names, filters, members, image metadata), so it can be loaded on
 * another install, where `load` and `import` resolve them and say what is missing.
 */
export class TemplateService {
  constructor(
    private readonly deps: {
      repo: TemplateRepository;
      ids: IdSource;
      clock: Clock;
      /** This install's groups and firmware library now. */
      here: () => TemplateSurroundings;
    },
  ) {}

  /** Newest change first. */
  list(): TemplateSummary[] {
    return this.deps.repo.list();
  }

  /**
   * A new template, or a new version of `templateId` (NOT_FOUND when it does not exist). Its references are
   * described from this install's groups and library, else from `carried` (the description a restored or
   * imported version brought along).
   */
  save(input: TemplateSave, carried: TemplateRefs = EMPTY_TEMPLATE_REFS): TemplateVersion {
    if (input.templateId && !this.deps.repo.exists(input.templateId)) throw notFound(input.templateId);
    const id = input.templateId ?? (this.deps.ids.next('tpl') as TemplateId);
    const version = this.deps.repo.addVersion({
      id,
      name: input.name,
      spec: input.spec,
      refs: refsOf(input.spec, { first: this.deps.here(), second: carried }),
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
    if (stored.isValid) {
      const refs = refsOf(stored.version.spec, {
        first: stored.refs ?? EMPTY_TEMPLATE_REFS,
        second: this.deps.here(),
      });
      return { ...stored.version, refs };
    }
    throw new DomainError(
      'CONFLICT',
      `version ${stored.meta.version} of template "${stored.meta.name}" no longer fits the job format (${stored.problem})`,
      { templateId: id, version: stored.meta.version, problem: stored.problem },
    );
  }

  /**
   * A version (default current) ready to use here: its spec with the groups and images found on this install
   * (by name; by bytes, else by metadata), and every one not found or found different, in plain words.
   */
  load(id: TemplateId, version?: number): TemplateLoad {
    const template = this.get(id, version);
    return { template, ...resolveTemplate(template.spec, template.refs, this.deps.here()) };
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
    return this.save(
      { templateId: id, name: old.name, spec: old.spec, note: `restored version ${version}` },
      old.refs,
    );
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
      content: exportTemplate({ name: t.name, spec: t.spec, refs: t.refs }, format),
    };
  }

  /**
   * Imports a file as a new template, resolved as `load` does. When it does not validate nothing is stored,
   * and INVALID_INPUT carries every issue (`path`, `line`, `message`) in `details`; the message names the
   * first one. A file without references (format 1) is read as naming this install's groups and images.
   */
  import(content: string): TemplateLoad {
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
    const saved = this.save({ name: result.name, spec: result.spec, note: 'imported' }, result.refs);
    return this.load(saved.templateId, saved.version);
  }
}
