import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// ARCHITECTURE.md names files and folders in backticks; the map is only useful while they exist (issue 18).
const ROOT = join(__dirname, '..');
const MAP = 'ARCHITECTURE.md';

/** Inline code spans outside fenced blocks. */
function codeSpans(markdown: string): string[] {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
  return [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
}

/** A span is a path when it has no spaces and contains a `/` or ends in a source or doc extension. */
function isPathLike(span: string): boolean {
  return !/\s/.test(span) && (span.includes('/') || /\.(ts|tsx|md|mjs)$/.test(span));
}

/** `*`, `**` and `<name>` stand for any one name; a literal segment must exist as it is written. */
const isPattern = (segment: string): boolean => /[*<]/.test(segment);

function segmentRegex(segment: string): RegExp {
  const literal = segment
    .split(/(\*+|<[^>]+>)/)
    .map((part, i) => (i % 2 === 1 ? '.+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${literal.join('')}$`);
}

/** Whether `path` (from the repository root; a trailing `/` asks for a folder) names something on disk. */
function pathExists(path: string, root = ROOT): boolean {
  const wantsFolder = path.endsWith('/');
  const segments = path.split('/').filter((s) => s !== '');
  const walk = (dir: string, rest: string[]): boolean => {
    const [head, ...tail] = rest;
    if (head === undefined) return !wantsFolder || isFolder(dir);
    if (!isPattern(head)) return existsSync(join(dir, head)) && walk(join(dir, head), tail);
    if (!isFolder(dir)) return false;
    const re = segmentRegex(head);
    return readdirSync(dir).some((name) => re.test(name) && walk(join(dir, name), tail));
  };
  return segments.length > 0 && walk(root, segments);
}

function isFolder(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}

describe('ARCHITECTURE.md', () => {
  const paths = codeSpans(readFileSync(join(ROOT, MAP), 'utf8')).filter(isPathLike);

  it('names paths (the map is read at all)', () => {
    expect(paths.length).toBeGreaterThan(20);
  });

  it('names only paths that exist', () => {
    expect(paths.filter((p) => !pathExists(p))).toEqual([]);
  });
});

describe('the path check itself', () => {
  it('takes spans with a slash or a source extension, not identifiers or commands', () => {
    const spans = codeSpans(
      'see `electron/core/` and `README.md`, not `jobs.progressed`, `npm run x -- a/b` or\n```\n`in/fence.ts`\n```\n',
    );
    expect(spans.filter(isPathLike)).toEqual(['electron/core/', 'README.md']);
  });

  it('refuses a missing file, a file named as a folder, and a pattern matching nothing', () => {
    expect(pathExists('electron/core/app-core.ts')).toBe(true);
    expect(pathExists('electron/core/no-such-file.ts')).toBe(false);
    expect(pathExists('electron/core/app-core.ts/')).toBe(false);
    expect(pathExists('electron/core/drivers/<family>/')).toBe(true);
    expect(pathExists('electron/core/drivers/*/no-such-driver.ts')).toBe(false);
    expect(pathExists('shared/**')).toBe(true);
  });
});
