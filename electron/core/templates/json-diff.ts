import type { TemplateChange } from '../../../shared/domain/templates';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf-level differences between two JSON values, with dotted paths; arrays compare index by index. */
export function jsonDiff(before: unknown, after: unknown, path = ''): TemplateChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => jsonDiff(before[i], after[i], join(path, String(i)))).flat();
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => jsonDiff(before[key], after[key], join(path, key)));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: path || '(root)', before, after }];
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
