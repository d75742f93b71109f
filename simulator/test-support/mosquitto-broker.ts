import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A mosquitto broker on 127.0.0.1, started by a test (ENVIRONMENT.md §6). */
export interface MosquittoBroker {
  /** `mqtt://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops the broker by PID and removes its temp directory. Idempotent. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface MosquittoOptions {
  /** Lines appended to the config (they apply to the listener: TLS files; or `persistence true`). */
  config?: readonly string[];
  /** Listen on this port (a restart at the same address); default a free one, retried if taken. */
  port?: number;
}

/**
 * Writes a config of its own in a temp dir (`listener <port> 127.0.0.1`, anonymous, no persistence, a
 * deep queue so bursts are not dropped), runs `mosquitto -c <file>` and resolves once the port accepts.
 * Retries with another port if the first one was taken in between.
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<MosquittoBroker> {
  if (options.port !== undefined) return startOnce(options.port, options.config ?? []);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(await freePort(), options.config ?? []);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

async function startOnce(port: number, extra: readonly string[]): Promise<MosquittoBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbatch-mosquitto-'));
  const config = join(dir, 'mosquitto.conf');
  writeFileSync(
    config,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'max_queued_messages 100000',
      'log_dest stderr',
      ...extra,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('mosquitto', ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (log.length < 10_000) log += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(child.pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
      await exited;
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`mosquitto exited with ${child.exitCode}: ${log.trim()}`);
      if (await Promise.race([accepts(port), spawnError])) break;
      if (Date.now() > deadline) throw new Error(`mosquitto did not accept on ${port}: ${log.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `mqtt://127.0.0.1:${port}`, port, pid: child.pid!, stop };
}
