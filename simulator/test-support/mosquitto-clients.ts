import { type ChildProcess, execFile, spawn } from 'node:child_process';

export interface SubMessage {
  topic: string;
  retained: boolean;
  payload: string;
}

/** A running `mosquitto_sub` (the apt client, independent of the simulator's `mqtt` package). */
export class MosquittoSub {
  readonly messages: SubMessage[] = [];
  private readonly wakers = new Set<() => void>();

  private constructor(private readonly child: ChildProcess) {}

  /** Spawns `mosquitto_sub -d -F '%t\t%r\t%p'` and resolves once the broker acknowledged the subscription. */
  static start(port: number, topics: string[]): Promise<MosquittoSub> {
    const args = [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-d',
      '-F',
      '%t\t%r\t%p',
      ...topics.flatMap((t) => ['-t', t]),
    ];
    const child = spawn('mosquitto_sub', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const sub = new MosquittoSub(child);
    let buffer = '';
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          if (line.startsWith('Client ')) {
            if (line.includes('SUBACK')) resolve(sub);
            continue;
          }
          const [topic, retained, ...rest] = line.split('\t');
          if (rest.length === 0) continue;
          sub.messages.push({ topic, retained: retained === '1', payload: rest.join('\t') });
          for (const wake of sub.wakers) wake();
        }
      });
    });
  }

  mark(): number {
    return this.messages.length;
  }

  waitFor(match: (m: SubMessage) => boolean, from = 0, timeoutMs = 5000): Promise<SubMessage> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.messages.slice(from).find(match);
        if (found === undefined) return false;
        clearTimeout(timer);
        this.wakers.delete(check);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.wakers.delete(check);
        reject(new Error(`mosquitto_sub saw no matching message in ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.wakers.add(check);
    });
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    return exited;
  }
}

/** `mosquitto_pub -t <topic> -m <payload>`; binary payloads go through stdin (`-s`). */
export function mosquittoPub(port: number, topic: string, payload: string | Buffer): Promise<void> {
  const base = ['-h', '127.0.0.1', '-p', String(port), '-q', '1', '-t', topic];
  return new Promise((resolve, reject) => {
    const isBinary = Buffer.isBuffer(payload);
    const child = execFile('mosquitto_pub', isBinary ? [...base, '-s'] : [...base, '-m', payload], (error) =>
      error ? reject(error) : resolve(),
    );
    if (isBinary) child.stdin!.end(payload);
  });
}

/** Runs `curl` with the given arguments; resolves with stdout (the tests pass `-s`). */
export function curl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-s', '--max-time', '5', ...args], (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}
