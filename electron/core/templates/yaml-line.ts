import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

const startOf = (node: { range?: [number, number, number] | null } | null | undefined) => node?.range?.[0];

/**
 * The 1-based line of the field at `path` in a parsed document: the line of its key in a mapping, of the item
 * in a sequence. A path that does not exist (a missing field) gives the line of its deepest existing parent;
 * null when not even the document has a position.
 */
export function lineOfPath(
  doc: Document,
  lines: LineCounter,
  path: readonly (string | number)[],
): number | null {
  let node: unknown = doc.contents;
  let offset = startOf(doc.contents as Node | null);
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      offset = startOf(pair.key as Node) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && key < node.items.length) {
      node = node.items[key];
      offset = startOf(node as Node) ?? offset;
    } else {
      break;
    }
  }
  return offset === undefined ? null : lines.linePos(offset).line;
}
