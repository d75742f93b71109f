import { LineCounter, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { JobSpecSchema, type JobSpec } from '../../../shared/domain/job';
import {
  EMPTY_TEMPLATE_REFS,
  TemplateRefsSchema,
  type TemplateRefs,
} from '../../../shared/domain/template-refs';
import type { TemplateFileIssue } from '../../../shared/domain/templates';
import { lineOfPath } from './yaml-line';

/**
 * What a template file holds: a marker and version of the format, the name, the job spec, and (format 2) what
 * the spec's group ids and image hashes stand for. Format 1 files, written before, have no `refs`.
 */
const TemplateFileSchema = z
  .object({
    fieldbatchTemplate: z.union([z.literal(1), z.literal(2)], {
      error: 'not a Fieldbatch template file (expected "fieldbatchTemplate: 2")',
    }),
    name: z.string().trim().min(1).max(120),
    spec: JobSpecSchema,
    refs: TemplateRefsSchema.optional(),
  })
  .strict();

export type TemplateFileFormat = 'json' | 'yaml';

export interface TemplateFileContent {
  name: string;
  spec: JobSpec;
  refs: TemplateRefs;
}

export type TemplateFileResult =
  ({ ok: true } & TemplateFileContent) | { ok: false; issues: TemplateFileIssue[] };

/** Aliases beyond this make `toJS` refuse the file (a "billion laughs" document would exhaust memory). */
const MAX_ALIAS_COUNT = 100;

export function exportTemplate(template: TemplateFileContent, format: TemplateFileFormat): string {
  const content = { fieldbatchTemplate: 2, name: template.name, spec: template.spec, refs: template.refs };
  if (format === 'json') return `${JSON.stringify(content, null, 2)}\n`;
  return stringify(content, { lineWidth: 0 });
}

/**
 * Reads a template file, JSON or YAML: one parser serves both (YAML 1.2 is a superset of JSON), so both get
 * line numbers from its source map. Every problem is reported with the dotted path of the field and its line;
 * an unknown field is reported at its own path, a missing one at the line of the object that lacks it.
 */
export function importTemplate(content: string): TemplateFileResult {
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
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { ok: false, issues: [{ path: '(file)', line: null, message: (error as Error).message }] };
  }
  const parsed = TemplateFileSchema.safeParse(data);
  if (parsed.success) {
    const { name, spec, refs } = parsed.data;
    return { ok: true, name, spec, refs: refs ?? EMPTY_TEMPLATE_REFS };
  }
  const issues = parsed.error.issues.flatMap((issue): TemplateFileIssue[] => {
    const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : null;
    if (keys) {
      return keys.map((key) => ({
        path: [...path, key].join('.'),
        line: lineOfPath(doc, lines, [...path, key]),
        message: `unknown field "${key}"`,
      }));
    }
    return [{ path: path.join('.') || '(root)', line: lineOfPath(doc, lines, path), message: issue.message }];
  });
  // In file order, the way the technician reads and fixes them.
  return { ok: false, issues: issues.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)) };
}
