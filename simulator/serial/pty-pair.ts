import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** Two linked pseudo-terminals made by socat: what one end writes, the other reads (ENVIRONMENT.md §4). */
export interface PtyPair {
  /** The end the simulated device holds. */
  readonly devicePath: string;
  /** The end the app opens with `serialport`, e.g. `<dir>/ttySIM0`. */
  readonly appPath: string;
  /** socat's PID (stopped by PID, never by name). */
  readonly pid: number;
  /** Kills socat and waits for it to exit; the link files disappear with it. Idempotent. */
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 5000;

/**
 * socat PIDs still running, killed synchronously if this process exits without closing them (a crash or
 * process.exit on an error path), so no PTY pair outlives the simulator. Process-wide on purpose: an
 * 'exit' listener per pair would not scale to many consoles.
 */
const livePids = new Set<number>();
let isExitHookInstalled = false;

function killOnExit(pid: number): void {
  livePids.add(pid);
  if (isExitHookInstalled) return;
  isExitHookInstalled = true;
  process.once('exit', () => {
    for (const live of livePids) {
      try {
        process.kill(live, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  });
}

/**
 * Spawns `socat -d -d pty,raw,echo=0,link=<dir>/<name>-dev pty,raw,echo=0,link=<dir>/<name>` and resolves
 * once socat reports its transfer loop (both links exist then). Rejects if socat fails or is missing.
 */
export function openPtyPair(dir: string, name: string): Promise<PtyPair> {
  const devicePath = join(dir, `${name}-dev`);
  const appPath = join(dir, name);
  const child: ChildProcess = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${appPath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  if (child.pid !== undefined) killOnExit(child.pid);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      if (child.pid !== undefined) livePids.delete(child.pid);
      resolve();
    }),
  );
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(child.pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
      await exited;
    })();
    return closing;
  };
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`socat did not start within ${READY_TIMEOUT_MS} ms: ${log.trim()}`));
    }, READY_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run socat: ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`socat exited with ${code}: ${log.trim()}`));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        child.stderr?.removeAllListeners('data');
        child.stderr?.resume();
        resolve({ devicePath, appPath, pid: child.pid!, close });
      }
    });
  });
}
