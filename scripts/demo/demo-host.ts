import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

export interface DemoHost {
  /** The app's address with its access token, as the host printed it. */
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code once the host is gone. */
  exited: Promise<number | null>;
  /** SIGTERM by PID, then waits for the exit. */
  stop(): Promise<void>;
  /** Where the app's JSON log lines go (they would bury the summary in the terminal). */
  logFile: string;
}

const READY = /headless host ready: (\S+)/;

/**
 * Runs the headless host (electron/headless/cli.ts) on loopback, browsing mDNS on 127.0.0.1 only, and
 * resolves once it printed its URL. Its JSON log lines go to `<dataDir>/app.log`; anything else it prints
 * (warnings in words) goes through with an `[app]` prefix.
 */
export function startDemoHost(root: string, dataDir: string): Promise<DemoHost> {
  const child = spawn(
    process.execPath,
    [
      // One process (node --import tsx), not the tsx CLI's two: the PID we stop is the host's own.
      '--import',
      pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href,
      join(root, 'electron/headless/cli.ts'),
      '--data',
      dataDir,
      '--mdns-interface',
      '127.0.0.1',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const logFile = join(dataDir, 'app.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const pass = (line: string, print: (text: string) => void) =>
    line.startsWith('{') ? log.write(`${line}\n`) : print(`[app] ${line}`);
  void exited.then(() => log.end());
  createInterface({ input: child.stderr! }).on('line', (line) => pass(line, console.error));
  return new Promise((resolve, reject) => {
    let isReady = false;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = READY.exec(line);
      if (ready && !isReady) {
        isReady = true;
        resolve({ url: ready[1]!, child, exited, stop, logFile });
      } else pass(line, console.log);
    });
    void exited.then((code) => {
      if (!isReady)
        reject(
          new Error(`the app did not start (exit code ${code}); see the [app] lines above and ${logFile}`),
        );
    });
  });
}
