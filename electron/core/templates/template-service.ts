import type { JobSpec } from '../../../shared/domain/job';
import type {
  TemplateChange,
  TemplateFileIssue,
  TemplateId,
  TemplateSave,
  TemplateSummary,
  TemplateVersion,
} from '../../../shared/domain/templates';
import { DomainError } from '../errors';
import type { Clock, IdSource } from '../ports';
import type { TemplateRepository } from '../storage/repositories/template-repository';
import { jsonDiff } from './json-diff';
import { exportTemplate, importTemplate, type TemplateFileFormat } from './template-file';

/** Job templates with version history, diff, restore, and JSON/YAML export/import. */
export class TemplateService {
  constructor(private readonly deps: { repo: TemplateRepository; ids: IdSource; clock: Clock }) {}

  list(): TemplateSummary[] {
    return this.deps.repo.list();
  }

  save(input: TemplateSave): TemplateVersion {
    if (input.templateId && !this.deps.repo.version(input.templateId)) {
      throw new DomainError('NOT_FOUND', `no template ${input.templateId}`);
    }
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

  get(id: TemplateId, version?: number): TemplateVersion {
    const found = this.deps.repo.version(id, version);
    if (!found)
      throw new DomainError(
        'NOT_FOUND',
        `no template ${id}${version === undefined ? '' : ` version ${version}`}`,
      );
    return found;
  }

  history(id: TemplateId): Omit<TemplateVersion, 'spec'>[] {
    this.get(id);
    return this.deps.repo.history(id);
  }

  diff(id: TemplateId, from: number, to: number): TemplateChange[] {
    const a = this.get(id, from);
    const b = this.get(id, to);
    return jsonDiff({ name: a.name, spec: a.spec }, { name: b.name, spec: b.spec });
  }

  /** Restoring never rewrites history: the old content becomes a new version. */
  restore(id: TemplateId, version: number): TemplateVersion {
    const old = this.get(id, version);
    return this.save({ templateId: id, name: old.name, spec: old.spec, note: `restored version ${version}` });
  }

  delete(id: TemplateId): boolean {
    return this.deps.repo.delete(id);
  }

  export(
    id: TemplateId,
    version: number | undefined,
    format: TemplateFileFormat,
  ): { fileName: string; content: string } {
    const t = this.get(id, version);
    const base = t.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '') || 'template';
    return {
      fileName: `${base}.v${t.version}.${format === 'yaml' ? 'yaml' : 'json'}`,
      content: exportTemplate(t.name, t.spec, format),
    };
  }

  /** Imports a file as a new template; INVALID_INPUT with every issue (path and line) when it does not validate. */
  import(content: string): TemplateVersion {
    const result = importTemplate(content);
    if (!result.ok) {
      const issues: TemplateFileIssue[] = result.issues;
      const first = issues[0]!;
      throw new DomainError(
        'INVALID_INPUT',
        `${first.path}${first.line ? ` (line ${first.line})` : ''}: ${first.message}`,
        issues,
      );
    }
    return this.save({ name: result.name, spec: result.spec as JobSpec, note: 'imported' });
  }
}
