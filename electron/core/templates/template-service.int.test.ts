import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobSpecSchema, type JobSpec } from '../../../shared/domain/job';
import { TemplateVersionMetaSchema, type TemplateId } from '../../../shared/domain/templates';
import { DomainError } from '../errors';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { TemplateRepository } from '../storage/repositories/template-repository';
import { TemplateService } from './template-service';
import { lineOf, plugRollout } from '../../../test-support/templates/template-test-specs';

/** The DomainError `act` throws; fails the test when it returns. */
function domainErrorOf(act: () => unknown): DomainError {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const bigger: JobSpec = JobSpecSchema.parse({
  ...plugRollout,
  steps: [...plugRollout.steps, { action: 'collect' }],
  policy: { ...plugRollout.policy, concurrency: 20, retries: { ...plugRollout.policy.retries, max: 4 } },
});

describe('TemplateService on SQLite', () => {
  let db: Db;
  let service: TemplateService;
  let now: number;
  let counter: number;
  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    now = 1_000;
    counter = 0;
    service = new TemplateService({
      repo: new TemplateRepository(db),
      ids: { next: (prefix) => `${prefix}_${String(++counter).padStart(8, '0')}` },
      clock: { now: () => (now += 10) },
      here: () => ({ groups: [], images: [] }),
    });
  });
  afterEach(() => db.close());

  const saveTwoVersions = () => {
    const first = service.save({ name: 'Plugs', spec: plugRollout, note: 'first try' });
    const second = service.save({
      templateId: first.templateId,
      name: 'Plugs v2',
      spec: bigger,
      note: 'faster',
    });
    return { id: first.templateId, first, second };
  };

  it('makes each save of a template a new version and lists the history newest first', () => {
    const { id, first, second } = saveTwoVersions();
    expect(first).toMatchObject({ templateId: 'tpl_00000001', version: 1, name: 'Plugs', spec: plugRollout });
    expect(second).toMatchObject({ templateId: id, version: 2, name: 'Plugs v2', spec: bigger });
    expect(service.get(id)).toEqual(second);
    expect(service.get(id, 1)).toEqual(first);
    const other = service.save({ name: 'Another', spec: plugRollout, note: '' });
    expect(service.list()).toEqual([
      { id: other.templateId, name: 'Another', version: 1, versions: 1, createdAt: 1_030, updatedAt: 1_030 },
      { id, name: 'Plugs v2', version: 2, versions: 2, createdAt: 1_010, updatedAt: 1_020 },
    ]);
    const history = service.history(id);
    expect(history).toEqual([
      { templateId: id, version: 2, name: 'Plugs v2', note: 'faster', createdAt: 1_020 },
      { templateId: id, version: 1, name: 'Plugs', note: 'first try', createdAt: 1_010 },
    ]);
    expect(history.map((h) => TemplateVersionMetaSchema.strict().parse(h))).toEqual(history);
  });

  it('diffs two versions at exact dotted paths, both ways', () => {
    const { id } = saveTwoVersions();
    const forward = [
      { path: 'name', before: 'Plugs', after: 'Plugs v2' },
      { path: 'spec.policy.concurrency', before: 5, after: 20 },
      { path: 'spec.policy.retries.max', before: 2, after: 4 },
      { path: 'spec.steps.2', before: undefined, after: { action: 'collect' } },
    ];
    expect(service.diff(id, 1, 2)).toEqual(forward);
    expect(service.diff(id, 2, 1)).toEqual(forward.map((c) => ({ ...c, before: c.after, after: c.before })));
    expect(service.diff(id, 2, 2)).toEqual([]);
  });

  it('restores an old version as a new current version and keeps the history', () => {
    const { id, first } = saveTwoVersions();
    const restored = service.restore(id, 1);
    expect(restored).toMatchObject({
      version: 3,
      name: first.name,
      spec: first.spec,
      note: 'restored version 1',
    });
    expect(service.get(id)).toEqual(restored);
    expect(service.diff(id, 1, 3)).toEqual([]);
    expect(service.history(id).map((h) => h.version)).toEqual([3, 2, 1]);
    expect(service.get(id, 2).spec).toEqual(bigger);
  });

  it('deletes a template with its whole history', () => {
    const { id } = saveTwoVersions();
    expect(service.delete(id)).toBe(true);
    expect(service.list()).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM template_versions').get()).toEqual({ n: 0 });
    expect(domainErrorOf(() => service.get(id)).code).toBe('NOT_FOUND');
    expect(service.delete(id)).toBe(false);
  });

  it.each(['json', 'yaml'] as const)('exports %s and imports it back to an equal spec', (format) => {
    const { id } = saveTwoVersions();
    const current = service.export(id, undefined, format);
    expect(current.fileName).toBe(`Plugs-v2.v2.${format}`);
    const imported = service.import(current.content).template;
    expect(imported).toMatchObject({ version: 1, name: 'Plugs v2', spec: bigger, note: 'imported' });
    expect(imported.templateId).not.toBe(id);

    const old = service.export(id, 1, format);
    expect(old.fileName).toBe(`Plugs.v1.${format}`);
    expect(service.import(old.content).template.spec).toEqual(plugRollout);
  });

  describe('a bad file', () => {
    const refused = (content: string) => {
      const before = service.list();
      const error = domainErrorOf(() => service.import(content));
      expect(error.code).toBe('INVALID_INPUT');
      expect(service.list()).toEqual(before);
      return error;
    };

    it.each(['json', 'yaml'] as const)(
      'names the path and line of a wrong type deep in the policy (%s)',
      (format) => {
        const { id } = saveTwoVersions();
        const text = service.export(id, undefined, format).content.replace(/("?max"?: )4/, '$1"four"');
        const line = lineOf(text, '"four"');
        const error = refused(text);
        expect(error.details).toEqual([
          {
            path: 'spec.policy.retries.max',
            line,
            message: 'Invalid input: expected number, received string',
          },
        ]);
        expect(error.message).toBe(
          `spec.policy.retries.max (line ${line}): Invalid input: expected number, received string`,
        );
      },
    );

    it('names an unknown key at its own path and line', () => {
      const { id } = saveTwoVersions();
      const text = service
        .export(id, undefined, 'json')
        .content.replace('"concurrency": 20,', '"concurrency": 20,\n    "concurency": 20,');
      expect(refused(text).details).toEqual([
        {
          path: 'spec.policy.concurency',
          line: lineOf(text, '"concurency"'),
          message: 'unknown field "concurency"',
        },
      ]);
    });

    it('gives the line of a YAML syntax error', () => {
      const { id } = saveTwoVersions();
      const text = service
        .export(id, undefined, 'yaml')
        .content.replace('concurrency: 20', 'concurrency: [20');
      const error = refused(text);
      expect(error.details).toEqual([
        expect.objectContaining({ path: '(file)', line: lineOf(text, 'concurrency: [20') + 1 }),
      ]);
      expect(error.message).toMatch(/^\(file\) \(line \d+\): /);
    });
  });

  it('answers NOT_FOUND for an unknown template or version, and stores nothing for it', () => {
    const { id } = saveTwoVersions();
    const unknown = 'tpl_unknown00' as TemplateId;
    const attempts: [string, () => unknown][] = [
      ['get', () => service.get(unknown)],
      ['get version', () => service.get(id, 9)],
      ['history', () => service.history(unknown)],
      ['diff', () => service.diff(id, 1, 9)],
      ['restore', () => service.restore(unknown, 1)],
      ['export', () => service.export(unknown, undefined, 'json')],
      ['save', () => service.save({ templateId: unknown, name: 'x', spec: plugRollout, note: '' })],
    ];
    for (const [name, act] of attempts) {
      const error = domainErrorOf(act);
      expect([name, error.code]).toEqual([name, 'NOT_FOUND']);
    }
    expect(service.list().map((t) => t.id)).toEqual([id]);
    expect(service.delete(unknown)).toBe(false);
  });

  it('reports a version saved in an older job format as a conflict and still lists and extends it', () => {
    const { id } = saveTwoVersions();
    db.prepare('UPDATE template_versions SET spec_json = \'{"version": 0}\' WHERE version = 1').run();
    const error = domainErrorOf(() => service.get(id, 1));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/^version 1 of template "Plugs" no longer fits the job format \(version: /);
    expect(domainErrorOf(() => service.restore(id, 1)).code).toBe('CONFLICT');
    expect(service.history(id)).toHaveLength(2);
    expect(service.save({ templateId: id, name: 'Plugs v3', spec: plugRollout, note: '' }).version).toBe(3);
  });
});
