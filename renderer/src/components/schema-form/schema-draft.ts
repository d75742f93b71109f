import type { z } from 'zod';
import { fieldKind, unwrapNullable, type JsonSchemaNode } from './json-schema';

/**
 * What a generated form holds while the technician types: text for every leaf ('' = leave unchanged), `null`
 * for a nullable field set to "clear", arrays for list rows and records for nested objects.
 */
export type Draft = string | null | Draft[] | { [key: string]: Draft };
export type DraftPath = readonly (string | number)[];

/** Key of a path in the error map: `mqtt.server`, `commands.0`, '' for the whole form. */
export const pathKey = (path: readonly PropertyKey[]): string => path.map(String).join('.');

export function draftAt(draft: Draft | undefined, path: DraftPath): Draft | undefined {
  let current: Draft | undefined = draft;
  for (const key of path) {
    if (current === null || current === undefined || typeof current === 'string') return undefined;
    current = Array.isArray(current) ? current[key as number] : current[key as string];
  }
  return current;
}

/** An immutable update of one place in the draft, creating records and rows on the way. */
export function draftWith(draft: Draft | undefined, path: DraftPath, value: Draft): Draft {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const rows = Array.isArray(draft) ? [...draft] : [];
    rows[head] = draftWith(rows[head], rest, value);
    return rows;
  }
  const record = draft && typeof draft === 'object' && !Array.isArray(draft) ? { ...draft } : {};
  record[head as string] = draftWith(record[head as string], rest, value);
  return record;
}

/** The list at `path` without row `index`. */
export function draftWithoutRow(draft: Draft | undefined, path: DraftPath, index: number): Draft {
  const rows = draftAt(draft, path);
  return draftWith(draft, path, Array.isArray(rows) ? rows.filter((_, i) => i !== index) : []);
}

interface Converted {
  /** False when the technician left everything here empty: the field is then left out. */
  isTouched: boolean;
  value: unknown;
}

const UNTOUCHED: Converted = { isTouched: false, value: undefined };

function leafValue(node: JsonSchemaNode, text: string, isRequired: boolean): Converted {
  const kind = fieldKind(node);
  if (text.trim() === '') {
    // A required text inside a filled-in object is sent empty, so the schema names what is missing.
    return kind.kind === 'text' && isRequired ? { isTouched: false, value: '' } : UNTOUCHED;
  }
  switch (kind.kind) {
    case 'number': {
      const number = Number(text);
      return { isTouched: true, value: Number.isNaN(number) ? text : number };
    }
    case 'boolean':
      return { isTouched: true, value: text === 'true' };
    default:
      return { isTouched: true, value: text };
  }
}

/** `isRow`: a list row the technician added is sent even when empty, so the schema can say what it lacks. */
function objectValue(node: JsonSchemaNode, draft: Draft | undefined, isRow = false): Converted {
  const record = draft && typeof draft === 'object' && !Array.isArray(draft) ? draft : {};
  const required = new Set(node.required ?? []);
  const value: Record<string, unknown> = {};
  let isTouched = false;
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const converted = convert(child, record[key], required.has(key));
    isTouched ||= converted.isTouched;
    if (converted.value !== undefined) value[key] = converted.value;
  }
  return { isTouched: isTouched || isRow, value: isTouched || isRow ? value : undefined };
}

function convert(
  schema: JsonSchemaNode,
  draft: Draft | undefined,
  isRequired: boolean,
  isRow = false,
): Converted {
  const { node, isNullable } = unwrapNullable(schema);
  if (draft === null) return isNullable ? { isTouched: true, value: null } : UNTOUCHED;
  const kind = fieldKind(node);
  switch (kind.kind) {
    case 'object':
      return objectValue(node, draft, isRow);
    case 'array': {
      const rows = Array.isArray(draft) ? draft : [];
      if (rows.length === 0) return UNTOUCHED;
      const value = rows.map((row) => convert(kind.item, row, true, true).value ?? '');
      return { isTouched: true, value };
    }
    case 'unsupported':
      return UNTOUCHED;
    default:
      return typeof draft === 'string' ? leafValue(node, draft, isRequired) : UNTOUCHED;
  }
}

/** The value the draft stands for: empty leaves and untouched objects are left out. */
export function draftToValue(schema: JsonSchemaNode, draft: Draft | undefined): unknown {
  return convert(schema, draft, true).value ?? {};
}

/** The draft that stands for a value (the inverse of `draftToValue`), e.g. to edit a saved step again. */
export function draftOf(value: unknown): Draft {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(draftOf);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, draftOf(v)]));
  }
  return value === undefined ? '' : String(value);
}

/** The first message per path, keyed like `pathKey`. */
export function errorsByPath(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[pathKey(issue.path)] ??= issue.message;
  return errors;
}

/**
 * Converts the draft and validates it with the zod schema the JSON Schema came from.
 * Returns the parsed value, or the schema's messages by path.
 */
export function validateDraft<T>(
  schema: z.ZodType<T>,
  node: JsonSchemaNode,
  draft: Draft | undefined,
): { value: T } | { errors: Record<string, string> } {
  const parsed = schema.safeParse(draftToValue(node, draft));
  return parsed.success ? { value: parsed.data } : { errors: errorsByPath(parsed.error.issues) };
}
