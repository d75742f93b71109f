// `npm start`: builds and opens the Electron app. npm's allowScripts keeps Electron's download script from
// running at install time, so a missing binary is fetched here, once, by Electron's own installer, unless
// ELECTRON_SKIP_BINARY_DOWNLOAD says this machine must not download (our offline build machines). Without a
// binary it says so in one line, points to the headless host, and exits non-zero.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function installedBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

if (!installedBinary() && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
}
if (!installedBinary()) {
  console.error(
    'Electron binary not installed (offline install with ELECTRON_SKIP_BINARY_DOWNLOAD); use the headless host instead: `npm run demo`, or `npm run build && npm run headless -- --data DIR`.',
  );
  process.exit(1);
}
const result = spawnSync('npx', ['electron-vite', 'preview'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
