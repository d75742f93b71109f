import { LineCounter, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { JobSpecSchema, type JobSpec } from '../../../shared/domain/job';
import type { TemplateFileIssue } from '../../../shared/domain/templates';

/** What a template file holds: a marker and version of the format, the name, and the job spec. */
const TemplateFileSchema = z
  .object({ fieldbatchTemplate: z.literal(1), name: z.string().trim().min(1).max(120), spec: JobSpecSchema })
  .strict();

export type TemplateFileFormat = 'json' | 'yaml';

export function exportTemplate(name: string, spec: JobSpec, format: TemplateFileFormat): string {
  const content = { fieldbatchTemplate: 1, name, spec };
  if (format === 'json') return `${JSON.stringify(content, null, 2)}\n`;
  return stringify(content, { lineWidth: 0 });
}

/**
 * Reads a template file (JSON or YAML, told apart by content: YAML is a superset of JSON). Every problem is
 * reported with the dotted path of the field and, from the parser's source map, its line.
 */
export function importTemplate(
  content: string,
): { ok: true; name: string; spec: JobSpec } | { ok: false; issues: TemplateFileIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(content, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        path: '(file)',
        line: lines.linePos(e.pos[0]).line,
        message: e.message.split('\n')[0]!,
      })),
    };
  }
  const parsed = TemplateFileSchema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (parsed.success) return { ok: true, name: parsed.data.name, spec: parsed.data.spec };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => {
      const node = doc.getIn(issue.path as (string | number)[], true) as
        { range?: [number, number, number] } | undefined;
      const offset = node?.range?.[0];
      return {
        path: issue.path.join('.') || '(root)',
        line: offset === undefined ? null : lines.linePos(offset).line,
        message: issue.message,
      };
    }),
  };
}
