#!/usr/bin/env bash
# The whole test suite: vitest (unit, integration, renderer) then Playwright e2e in Chromium. Runs inside a
# private network namespace (npm test wraps it with scripts/netns.sh). Machine-readable results go to
# .ci-out/, and the last line is "N passed, N failed, N skipped" over both runners.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "$(ip -o link show | cut -d: -f2 | tr -d ' ')" != "lo" ]; then
  echo "scripts/test-all.sh: run me through scripts/netns.sh (npm test): other interfaces are present" >&2
  exit 1
fi
mkdir -p .ci-out
rm -f .ci-out/vitest.json .ci-out/playwright.json
rc=0
npx electron-vite build --logLevel warn >/dev/null || { echo "build failed" >&2; exit 1; }
npx vitest run --reporter=default --reporter=json --outputFile.json=.ci-out/vitest.json "$@" || rc=1
PLAYWRIGHT_JSON_OUTPUT_NAME=.ci-out/playwright.json npx playwright test --reporter=list,json || rc=1
node scripts/test-summary.mjs || rc=1
exit $rc
