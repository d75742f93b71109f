import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The arrows of eslint.config.mjs that are rules of their own (issue 18), beside the folder blocks that
// scripts/lint-boundaries.test.ts proves: source text linted as if it lived at the given path.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, from: string): Promise<string[]> {
  const code = `import { a } from '${from}';\nexport const b = a;\n`;
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? '');
}

describe('import arrows', () => {
  it.each([
    [
      'electron/core/transport/x.ts',
      '../device-error',
      '../drivers/device-driver',
      'transport-layer/no-driver-imports',
    ],
    [
      'electron/core/jobs/x.ts',
      './job-store',
      '../storage/repositories/job-repository',
      'jobs-layer/no-storage-imports',
    ],
    [
      'renderer/src/stores/x.ts',
      '../api/client',
      '../features/job-runs/start-job',
      'renderer-layers/no-feature-imports',
    ],
    [
      'renderer/src/api/x.ts',
      '../stores/jobs-store',
      '../features/job-runs/open-job',
      'renderer-layers/no-feature-imports',
    ],
    [
      'electron/core/jobs/x.ts',
      './job-store',
      '../../../test-support/jobs/job-engine-test-kit',
      'test-code/out-of-production',
    ],
    ['shared/domain/x.ts', './job', '../../test-support/core/temp-dir', 'test-code/out-of-production'],
  ])('%s may import %s, not %s (%s)', async (file, allowed, forbidden, rule) => {
    expect(await ruleIds(file, allowed)).not.toContain(rule);
    expect(await ruleIds(file, forbidden)).toContain(rule);
  });

  it.each([
    ['electron/core/jobs/x.test.ts', '../storage/repositories/job-repository'],
    ['renderer/src/stores/x.test.ts', '../features/job-runs/start-job'],
    ['electron/core/jobs/x.test.ts', '../../../test-support/jobs/job-engine-test-kit'],
  ])('lets the test %s import %s', async (file, from) => {
    const ids = await ruleIds(file, from);
    expect(ids.filter((id) => /\/no-|out-of-production/.test(id))).toEqual([]);
  });
});
