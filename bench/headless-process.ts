import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { fail, type Result } from '../shared/ipc/result';
import type { ClientFrame, ServerFrame } from '../shared/ipc/ws-frames';
import { exited, spawnTs } from './ts-child';
import { typedInvoke, type Invoke } from './typed-invoke';

const LOG_LINES_KEPT = 40;
const START_TIMEOUT_MS = 60_000;

/**
 * The headless host (`electron/headless/cli.ts`) as one child process on a data dir, driven over its token-guarded
 * WebSocket with the IPC contract. Unlike e2e/fixtures/headless-host.ts (which needs a browser and runs the host
 * under the tsx CLI, where SIGKILL misses the real process), `kill()` sends SIGKILL to the host's own PID, and
 * may do so at any moment, also before the host is ready.
 */
export class HeadlessProcess {
  /** Contract commands; they wait until the host is ready. */
  readonly invoke: Invoke;
  /** Resolves once the host printed its ready line and the socket is open; rejects if it dies first. */
  readonly ready: Promise<void>;
  private readonly log: string[] = [];
  private readonly child: ChildProcess;
  private socket: WebSocket | null = null;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private nextId = 1;

  private constructor(options: { dataDir: string; rendererDir: string }) {
    this.child = spawnTs(
      'electron/headless/cli.ts',
      ['--data', options.dataDir, '--port', '0', '--renderer', options.rendererDir],
      { env: { ...process.env, FIELDBATCH_TEST_MODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    createInterface({ input: this.child.stderr! }).on('line', (line) => {
      this.log.push(line);
      if (this.log.length > LOG_LINES_KEPT) this.log.shift();
    });
    const connected = this.connect();
    this.ready = connected.then(() => {});
    // Killed before it was ready is a normal outcome here; whoever awaits `ready` still sees the failure.
    this.ready.catch(() => {});
    this.invoke = typedInvoke(async (name, input) => {
      const socket = await connected;
      return this.send(socket, name, input);
    });
  }

  /** Spawns the host (test mode: mDNS on loopback only, outputs validated); see `ready`. */
  static launch(options: { dataDir: string; rendererDir: string }): HeadlessProcess {
    return new HeadlessProcess(options);
  }

  /** The host's own PID (what `kill -9` is sent to). */
  get pid(): number {
    return this.child.pid!;
  }

  /** The last lines the host logged (JSON lines on stderr), for failure messages. */
  recentLog(): string {
    return this.log.join('\n');
  }

  /** kill -9: no chance to flush, close or say goodbye. */
  async kill(): Promise<void> {
    await this.end('SIGKILL');
  }

  /** A clean stop (SIGTERM: the host closes its socket server and shuts the core down). */
  async stop(): Promise<void> {
    await this.end('SIGTERM');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    this.socket?.terminate();
    const done = exited(this.child);
    if (this.child.exitCode === null && this.child.signalCode === null) process.kill(this.pid, signal);
    await done;
  }

  private async connect(): Promise<WebSocket> {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`host did not start:\n${this.recentLog()}`)),
        START_TIMEOUT_MS,
      );
      createInterface({ input: this.child.stdout! }).on('line', (line) => {
        const match = /ready: (http:\/\/\S+)/.exec(line);
        if (!match) return;
        clearTimeout(timer);
        resolve(match[1]!);
      });
      this.child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`host exited (${code ?? signal}) before it was ready`));
      });
    });
    const { host, searchParams } = new URL(url);
    const socket = new WebSocket(`ws://${host}/ipc?token=${searchParams.get('token')}`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.on('error', () => {});
    this.listen(socket);
    this.socket = socket;
    return socket;
  }

  private send(socket: WebSocket, name: string, input: unknown): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      if (socket.readyState !== WebSocket.OPEN) return resolve(fail('UNAVAILABLE', 'not connected'));
      const id = this.nextId++;
      this.pending.set(id, resolve);
      socket.send(JSON.stringify({ type: 'invoke', id, name, input } satisfies ClientFrame));
    });
  }

  private listen(socket: WebSocket): void {
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as ServerFrame;
      if (frame.type !== 'result') return;
      this.pending.get(frame.id)?.(frame.result as Result<unknown>);
      this.pending.delete(frame.id);
    });
    socket.on('close', () => {
      for (const resolve of this.pending.values()) resolve(fail('UNAVAILABLE', 'the host went away'));
      this.pending.clear();
    });
  }
}
