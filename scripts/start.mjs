// `npm start`: builds and opens the Electron app. Where the Electron binary is not installed (offline build
// machines), says so in one line and points to the headless host instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');
const binary = existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
if (!binary || !existsSync(binary)) {
  console.error(
    'Electron binary not installed (offline install with ELECTRON_SKIP_BINARY_DOWNLOAD); use the headless host instead: `npm run demo` or `npm run build && npm run headless -- --data DIR`.',
  );
  process.exit(1);
}
const result = spawnSync('npx', ['electron-vite', 'preview'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
