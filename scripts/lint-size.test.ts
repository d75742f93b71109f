import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The file-size caps of eslint.config.mjs (issue 18), linting generated text as if it lived at the given path.
const eslint = new ESLint({ cwd: process.cwd() });

/** `lines` code lines, each followed by a blank line and a comment line, which the cap does not count. */
const source = (lines: number): string =>
  Array.from({ length: lines }, (_, i) => `export const a${i} = ${i};\n\n// why\n`).join('');

async function tooLong(filePath: string, lines: number): Promise<boolean> {
  const [result] = await eslint.lintText(source(lines), { filePath });
  return result!.messages.some((m) => m.ruleId === 'max-lines');
}

describe('file size caps', () => {
  it('holds production code to 300 lines, blank and comment lines aside', async () => {
    expect(await tooLong('electron/core/jobs/x.ts', 300)).toBe(false);
    expect(await tooLong('electron/core/jobs/x.ts', 301)).toBe(true);
    expect(await tooLong('renderer/src/features/x.tsx', 301)).toBe(true);
    expect(await tooLong('test-support/core/x.ts', 301)).toBe(true);
  });

  it('lets a test file run to 400 lines', async () => {
    expect(await tooLong('electron/core/jobs/x.test.ts', 400)).toBe(false);
    expect(await tooLong('electron/core/jobs/x.int.test.ts', 401)).toBe(true);
    expect(await tooLong('renderer/src/features/x.test.tsx', 401)).toBe(true);
  });

  it('keeps a named exception at its size today', async () => {
    expect(await tooLong('shared/domain/device-actions.ts', 356)).toBe(false);
    expect(await tooLong('shared/domain/device-actions.ts', 357)).toBe(true);
  });
});
