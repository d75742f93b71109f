import { JobSpecSchema, type JobSpec } from '../../shared/domain/job';
import { EMPTY_TEMPLATE_REFS } from '../../shared/domain/template-refs';
import {
  TemplateVersionMetaSchema,
  type TemplateChange,
  type TemplateFileIssue,
  type TemplateId,
  type TemplateLoad,
  type TemplateSummary,
  type TemplateVersion,
} from '../../shared/domain/templates';
import { fail, ok, type Result } from '../../shared/ipc/result';

export const TEMPLATE_ID = 'tpl_plugs0001' as TemplateId;

const spec = (concurrency: number): JobSpec =>
  JobSpecSchema.parse({
    version: 1,
    name: 'Plug rollout',
    targets: { deviceIds: ['mac:a8032a000001'] },
    steps: [{ action: 'reboot' }],
    policy: { concurrency },
  });

/** Three versions of one template: saved, made faster, renamed. */
export function plugVersions(): TemplateVersion[] {
  return [
    {
      templateId: TEMPLATE_ID,
      version: 1,
      name: 'Plugs',
      spec: spec(5),
      refs: EMPTY_TEMPLATE_REFS,
      note: 'first try',
      createdAt: 1_700_000_000_000,
    },
    {
      templateId: TEMPLATE_ID,
      version: 2,
      name: 'Plugs',
      spec: spec(20),
      refs: EMPTY_TEMPLATE_REFS,
      note: 'faster',
      createdAt: 1_700_000_100_000,
    },
    {
      templateId: TEMPLATE_ID,
      version: 3,
      name: 'Plug rollout',
      spec: spec(20),
      refs: EMPTY_TEMPLATE_REFS,
      note: '',
      createdAt: 1_700_000_200_000,
    },
  ];
}

/** What main answers for v1 → v3 of `plugVersions`. */
export const PLUG_CHANGES: TemplateChange[] = [
  { path: 'name', before: 'Plugs', after: 'Plug rollout' },
  { path: 'spec.policy.concurrency', before: 5, after: 20 },
];

/**
 * A main-like fake of the `templates.*` commands over versions kept in memory: history newest first, restore
 * appends a copy, delete drops the template, import answers what the test scripts. Diffs are scripted too:
 * computing them is main's job, tested there.
 */
export function fakeTemplatesMain(options: {
  versions?: TemplateVersion[];
  changes?: TemplateChange[];
  /** What `templates.import` answers: a `TemplateLoad` (its template is then listed) or a refusal. */
  importAnswer?: (content: string) => Result<unknown>;
  /** What `templates.load` answers; default: the current version, resolved without problems. */
  loadAnswer?: (templateId: TemplateId) => Result<unknown>;
}) {
  let versions = [...(options.versions ?? plugVersions())];
  const summaries = (): TemplateSummary[] => {
    const ids = [...new Set(versions.map((v) => v.templateId))];
    return ids.map((id) => {
      const mine = versions.filter((v) => v.templateId === id);
      const current = mine.at(-1)!;
      return {
        id,
        name: current.name,
        version: current.version,
        versions: mine.length,
        createdAt: mine[0]!.createdAt,
        updatedAt: current.createdAt,
      };
    });
  };
  const idOf = (input: unknown) => (input as { templateId: TemplateId }).templateId;
  return {
    answers: {
      'templates.list': () => ok(summaries()),
      'templates.history': (input: unknown) =>
        ok(
          versions
            .filter((v) => v.templateId === idOf(input))
            .map((v) => TemplateVersionMetaSchema.parse(v))
            .reverse(),
        ),
      'templates.diff': () => ok(options.changes ?? PLUG_CHANGES),
      'templates.restore': (input: unknown) => {
        const { templateId, version } = input as { templateId: TemplateId; version: number };
        const mine = versions.filter((v) => v.templateId === templateId);
        const old = mine.find((v) => v.version === version)!;
        const restored = {
          ...old,
          version: mine.length + 1,
          note: `restored version ${version}`,
          createdAt: mine.at(-1)!.createdAt + 1_000,
        };
        versions = [...versions, restored];
        return ok(restored);
      },
      'templates.delete': (input: unknown) => {
        versions = versions.filter((v) => v.templateId !== idOf(input));
        return ok({ removed: true });
      },
      'templates.export': (input: unknown) => {
        const { format } = input as { format: 'json' | 'yaml' };
        return ok({ fileName: `Plug-rollout.v3.${format}`, content: `exported as ${format}\n` });
      },
      'templates.import': (input: unknown) => {
        const answer = options.importAnswer?.((input as { content: string }).content) ?? ok(null);
        if (answer.ok) versions = [...versions, (answer.value as TemplateLoad).template];
        return answer;
      },
      'templates.load': (input: unknown) => {
        if (options.loadAnswer) return options.loadAnswer(idOf(input));
        const template = versions.filter((v) => v.templateId === idOf(input)).at(-1)!;
        return ok({ template, spec: template.spec, problems: [] });
      },
    },
  };
}

/** The refusal main sends for a file with problems: INVALID_INPUT with every issue in `details`. */
export function refusedImport(issues: TemplateFileIssue[]): Result<never> {
  const first = issues[0]!;
  return fail('INVALID_INPUT', `${first.path} (line ${first.line}): ${first.message}`, issues);
}
