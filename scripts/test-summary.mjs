// Prints "N passed, N failed, N skipped" summed over vitest and Playwright JSON reports in .ci-out/.
// A missing report counts as a failure: a runner that crashed must not look green.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync('.ci-out/vitest.json')) {
  const v = JSON.parse(readFileSync('.ci-out/vitest.json', 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + v.numTodoTests;
} else {
  console.error('no vitest report (.ci-out/vitest.json)');
  failed += 1;
}
if (existsSync('.ci-out/playwright.json')) {
  const s = JSON.parse(readFileSync('.ci-out/playwright.json', 'utf8')).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  skipped += s.skipped;
} else {
  console.error('no Playwright report (.ci-out/playwright.json)');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
