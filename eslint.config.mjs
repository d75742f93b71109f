import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/**
 * File size (issue 18), counting lines that are neither blank nor comments. Production code, test kits and
 * e2e pages stay under MAX_LINES; a test file may run to MAX_TEST_LINES (a table of cases reads best whole).
 * A file above its cap is named below with its size today, so it can shrink but not grow, with who splits it.
 */
const MAX_LINES = 300;
const MAX_TEST_LINES = 400;
const LINE_CAP_EXCEPTIONS = {
  // Step schemas and the Tasmota allow-lists as data (issue 5); not split in issue 18.
  'shared/domain/device-actions.ts': 356,
};
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', 'e2e/specs/**/*.spec.ts'];
const maxLines = (max) => ['error', { max, skipBlankLines: true, skipComments: true }];
const lineCaps = [
  { files: TEST_FILES, rules: { 'max-lines': maxLines(MAX_TEST_LINES) } },
  ...Object.entries(LINE_CAP_EXCEPTIONS).map(([file, max]) => ({
    files: [file],
    rules: { 'max-lines': maxLines(max) },
  })),
];

/** Import boundaries of ../shared/HOUSE_STYLE.md, enforced per folder. */
const restrict = (...groups) => [
  'error',
  { paths: groups.flatMap((g) => g.paths ?? []), patterns: groups.flatMap((g) => g.patterns ?? []) },
];
const noElectron = {
  paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron.' }],
};
const noNode = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'This layer runs without Node built-ins.' })),
  patterns: [{ regex: '^node:', message: 'This layer runs without Node built-ins.' }],
};
const noMain = {
  patterns: [
    {
      regex: '(^|/)electron/main(/|$)|^\\.\\./main(/|$)|^(\\.\\./)+main/',
      message: 'core must not depend on the Electron shell.',
    },
  ],
};
const noRenderer = {
  patterns: [{ regex: '(^|/)renderer(/|$)', message: 'Nothing outside renderer/ imports renderer code.' }],
};
const noElectronDir = {
  patterns: [
    {
      regex: '(^|/)electron/(core|main|headless|preload)(/|$)|^(\\.\\./)+(core|main|headless|preload)/',
      message: 'Not from this layer.',
    },
  ],
};
const noSimulator = {
  patterns: [{ regex: '(^|/)simulator(/|$)', message: 'The app and the simulator never import each other.' }],
};
const noShared = {
  patterns: [
    {
      regex: '(^|/)shared(/|$)',
      message: 'The simulator is an independent implementation of the device side.',
    },
  ],
};
const noReact = { paths: [{ name: 'react', message: 'shared/ is framework-free.' }] };

/**
 * A rule refusing relative imports that resolve into `folder` (from the repository root). A rule of its own per
 * arrow, resolving the imported path, because a second `no-restricted-imports` block on the same files would
 * replace the options of the folder's layer block.
 */
const noImportsInto = (folder, message) => ({
  meta: { type: 'problem', messages: { upward: message } },
  create(context) {
    const forbidden = fileURLToPath(new URL(folder, import.meta.url));
    const check = (node) => {
      const from = node.source?.value;
      if (typeof from !== 'string' || !from.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), from);
      if ((target + path.sep).startsWith(forbidden))
        context.report({ node: node.source, messageId: 'upward' });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
});

/**
 * Transports (electron/core/transport) are what drivers use to reach a device, so they must not import a driver
 * module (issue 18: they once took DeviceError from drivers/).
 */
const transportBelowDrivers = noImportsInto(
  'electron/core/drivers/',
  'Transports must not import from electron/core/drivers.',
);

/**
 * The job engine and its runs depend on ports (job store, device lookup, settings store), never on the SQLite
 * repositories, which app-core hands in (issue 18). Tests may use real repositories.
 */
const jobsAbovePorts = noImportsInto(
  'electron/core/storage/',
  'electron/core/jobs must not import storage: depend on a port (job-store, device-lookup, SettingsStore).',
);

/**
 * The renderer's bridge (api/) and stores feed the features; a feature's callback reaches them only through
 * the app shell (issue 18: the bridge once imported the job notifier). Tests may compose the layers.
 */
const bridgeAndStoresBelowFeatures = noImportsInto(
  'renderer/src/features/',
  'renderer/src/api and renderer/src/stores must not import features: let renderer/src/app hand callbacks in.',
);

/**
 * Test code is for tests, bench, e2e and conformance only (issue 18): a production file fails when it imports
 * anything under a `test-support/` folder or a file named `*-test-kit` / `*test-rig*`. A rule of its own, so it
 * adds to each folder's `no-restricted-imports` layer block instead of replacing its options.
 */
const testCodeOutOfProduction = {
  meta: { type: 'problem', messages: { testCode: 'Production code must not import test code ({{from}}).' } },
  create(context) {
    const root = fileURLToPath(new URL('.', import.meta.url));
    const isTestCode = (where) => /(^|\/)test-support(\/|$)|-test-kit(\.[a-z]+)?$|test-rig/.test(where);
    // A relative import is judged by where it lands (from the repository root), a package by its name.
    const landing = (from) =>
      from.startsWith('.') ? path.relative(root, path.resolve(path.dirname(context.filename), from)) : from;
    const check = (node) => {
      const from = node.source?.value;
      if (typeof from !== 'string' || !isTestCode(landing(from).split(path.sep).join('/'))) return;
      context.report({ node: node.source, messageId: 'testCode', data: { from } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.ci-out/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'max-lines': maxLines(MAX_LINES),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(noElectron, noNode, noReact, noElectronDir, noRenderer, noSimulator),
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(noElectron, noMain, noRenderer, noSimulator) },
  },
  {
    files: ['electron/headless/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(noElectron, noMain, noRenderer, noSimulator) },
  },
  { files: ['electron/main/**/*.ts'], rules: { 'no-restricted-imports': restrict(noRenderer, noSimulator) } },
  // Tests, e2e and bench may drive the simulator; the layer rules still hold for everything else.
  {
    files: ['electron/core/**/*.test.ts', 'electron/headless/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict(noElectron, noMain, noRenderer) },
  },
  // The real-device conformance suite drives the app's core and the simulator's brokers and PTYs, never the shell.
  {
    files: ['conformance/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(noElectron, noMain, noRenderer) },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|(\\.\\./)+shared/ipc/channels$).*',
              message: 'The preload imports only electron and shared/ipc/channels.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(noElectron, noNode, noElectronDir, noSimulator),
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/src/api/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fieldbatch', message: 'Only renderer/src/api talks to the bridge.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'fieldbatch', message: 'Only renderer/src/api talks to the bridge.' },
      ],
    },
  },
  // Playwright fixtures must name their dependencies by destructuring, even when there are none.
  { files: ['e2e/fixtures/**/*.ts'], rules: { 'no-empty-pattern': 'off' } },
  {
    files: ['simulator/**/*.ts'],
    ignores: ['simulator/**/*.test.ts'],
    rules: { 'no-restricted-imports': restrict(noElectronDir, noShared, noRenderer) },
  },
  {
    files: ['electron/core/transport/**/*.ts'],
    plugins: { 'transport-layer': { rules: { 'no-driver-imports': transportBelowDrivers } } },
    rules: { 'transport-layer/no-driver-imports': 'error' },
  },
  {
    files: ['electron/core/jobs/**/*.ts'],
    ignores: ['electron/core/jobs/**/*.test.ts'],
    plugins: { 'jobs-layer': { rules: { 'no-storage-imports': jobsAbovePorts } } },
    rules: { 'jobs-layer/no-storage-imports': 'error' },
  },
  {
    files: ['renderer/src/api/**/*.{ts,tsx}', 'renderer/src/stores/**/*.{ts,tsx}'],
    ignores: ['renderer/src/**/*.test.{ts,tsx}'],
    plugins: { 'renderer-layers': { rules: { 'no-feature-imports': bridgeAndStoresBelowFeatures } } },
    rules: { 'renderer-layers/no-feature-imports': 'error' },
  },
  // Production folders never import test code (rule above); test kits may drive core and the simulator.
  {
    files: [
      'electron/**/*.{ts,tsx}',
      'shared/**/*.{ts,tsx}',
      'renderer/**/*.{ts,tsx}',
      'simulator/**/*.{ts,tsx}',
    ],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { 'test-code': { rules: { 'out-of-production': testCodeOutOfProduction } } },
    rules: { 'test-code/out-of-production': 'error' },
  },
  {
    files: ['test-support/**/*.ts'],
    ignores: ['test-support/renderer/**'],
    rules: { 'no-restricted-imports': restrict(noElectron, noMain, noRenderer) },
  },
  {
    files: ['test-support/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': restrict(noElectron, noNode, noElectronDir, noSimulator) },
  },
  ...lineCaps,
);
