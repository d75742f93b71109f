import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = join(__dirname, '..');
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/**
 * Runs a TypeScript file in ONE node process (`node --import tsx`). The tsx CLI instead runs the script in a
 * grandchild and relays only SIGINT/SIGTERM: a SIGKILL to the CLI's PID leaves the script running, orphaned.
 * Here the returned PID is the script's own, so `kill -9` really ends it.
 */
export function spawnTs(script: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, script), ...args], {
    cwd: ROOT,
    ...options,
  });
}

/** Resolves once the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
