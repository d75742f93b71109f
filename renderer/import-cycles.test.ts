/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

// Every source file of renderer/src as text. Vite reads them for the test, so this file needs no Node built-ins
// (the renderer's lint forbids them).
const sources = import.meta.glob<string>('./src/**/*.{ts,tsx}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Specifiers of static `import … from`, `export … from` and side-effect imports (`import 'x'`). */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:[\w*\s{},$]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

/** The file `specifier` names from `importer`, as TypeScript's bundler resolution finds it; null outside `files`. */
function resolve(importer: string, specifier: string, files: ReadonlySet<string>): string | null {
  if (!specifier.startsWith('.')) return null;
  const parts = importer.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  const base = parts.join('/');
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find((c) => files.has(c)) ?? null;
}

/** Each file's imports of other files in `texts`. */
function importGraph(texts: Readonly<Record<string, string>>): Map<string, string[]> {
  const files = new Set(Object.keys(texts));
  const graph = new Map<string, string[]>();
  for (const [file, text] of Object.entries(texts)) {
    const targets = [...text.matchAll(STATIC_IMPORT)].flatMap((m) => resolve(file, m[1]!, files) ?? []);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** One cycle per strongly connected part of the graph (Tarjan), each listed from its first file back to it. */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const parts: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const part: string[] = [];
    let top: string;
    do {
      top = stack.pop()!;
      onStack.delete(top);
      part.push(top);
    } while (top !== file);
    if (part.length > 1 || graph.get(file)?.includes(file)) parts.push(part);
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return parts.map((part) => cycleWithin(graph, new Set(part)));
}

/** The shortest way from the part's first file (sorted) back to itself, staying inside the part. */
function cycleWithin(graph: ReadonlyMap<string, readonly string[]>, part: ReadonlySet<string>): string[] {
  const start = [...part].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const next of graph.get(file) ?? []) {
      if (next === start) {
        const path = [file];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]!)!);
        return [...path, start];
      }
      if (part.has(next) && !cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

describe('renderer import graph', () => {
  it('reads the imports: relative paths with or without extension, index files, export-from, multi-line', () => {
    const graph = importGraph({
      './src/a.ts': "import { b } from './b';\nexport { c } from './c/index';\nimport './d.css';",
      './src/b.tsx': "import {\n  type A,\n  a,\n} from './a';\nimport x from 'zod';",
      './src/c/index.ts': "import type { A } from '../a';\nexport * from '..';",
    });
    expect(graph.get('./src/a.ts')).toEqual(['./src/b.tsx', './src/c/index.ts']);
    expect(graph.get('./src/b.tsx')).toEqual(['./src/a.ts']);
    expect(graph.get('./src/c/index.ts')).toEqual(['./src/a.ts']);
  });

  it('names each cycle file by file', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(importCycles(graph)).toEqual([
      ['a', 'b', 'c', 'a'],
      ['e', 'e'],
    ]);
  });

  it('has no import cycle in renderer/src', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    const cycles = importCycles(importGraph(sources)).map((cycle) => cycle.join(' → '));
    expect(cycles, `import cycles:\n${cycles.join('\n')}`).toEqual([]);
  });
});
