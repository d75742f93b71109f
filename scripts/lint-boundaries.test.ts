import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import boundaries of HOUSE_STYLE.md are lint rules; these cases prove each rule fires (and that
// the allowed imports stay allowed), linting source text as if it lived at the given path.
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

describe('import boundaries', () => {
  it.each([
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['electron/core/jobs/x.ts', "import { a } from '../../main/window';\nexport const b = a;"],
    ['electron/headless/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;"],
    ['renderer/src/x.ts', "import { join } from 'path';\nexport const a = join;"],
    ['renderer/src/x.ts', "import { a } from '../../electron/core/app-core';\nexport const b = a;"],
    ['shared/ipc/x.ts', "import { createHash } from 'node:crypto';\nexport const a = createHash;"],
    ['shared/ipc/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['electron/preload/x.ts', "import { z } from 'zod';\nexport const a = z;"],
    [
      'electron/preload/x.ts',
      "import { commands } from '../../shared/ipc/contract';\nexport const a = commands;",
    ],
    ['simulator/shelly/x.ts', "import { a } from '../../shared/ipc/channels';\nexport const b = a;"],
    ['simulator/x.ts', "import { a } from '../electron/core/app-core';\nexport const b = a;"],
    ['electron/core/x.ts', "import { a } from '../../simulator';\nexport const b = a;"],
    ['electron/core/x.test.ts', "import { app } from 'electron';\nexport const a = app;"],
  ])('refuses what %s must not import', async (file, code) => {
    expect(await restricted(file, code)).toBe(true);
  });

  it.each([
    [
      'electron/core/x.ts',
      "import { join } from 'node:path';\nimport { z } from 'zod';\nexport const a = [join, z];",
    ],
    [
      'electron/preload/x.ts',
      "import { contextBridge } from 'electron';\nimport { isCommandName } from '../../shared/ipc/channels';\nexport const a = [contextBridge, isCommandName];",
    ],
    [
      'renderer/src/x.ts',
      "import { z } from 'zod';\nimport { commands } from '../../shared/ipc/contract';\nexport const a = [z, commands];",
    ],
    [
      'electron/main/x.ts',
      "import { app } from 'electron';\nimport { a } from '../core/app-core';\nexport const b = [app, a];",
    ],
  ])('allows what %s may import', async (file, code) => {
    expect(await restricted(file, code)).toBe(false);
  });
});
