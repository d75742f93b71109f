import { join } from 'node:path';
import { app } from 'electron';

/** FIELDBATCH_DATA_DIR wins (tests, portable installs); otherwise Electron's per-user data directory. */
export function resolveDataDir(env: NodeJS.ProcessEnv): string {
  return env.FIELDBATCH_DATA_DIR ?? join(app.getPath('userData'), 'data');
}
