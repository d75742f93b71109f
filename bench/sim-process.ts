import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** The simulator CLI in its own process, so device-side work does not share the app's event loop. */
export class SimProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly devices: { id: string; url: string }[],
  ) {}

  /** Starts the CLI and resolves at its `# ready` line with the Shelly devices it listed. */
  static async start(args: string[]): Promise<SimProcess> {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'simulator/cli.ts'), ...args],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const devices = await new Promise<{ id: string; url: string }[]>((resolve, reject) => {
      const found: { id: string; url: string }[] = [];
      let buffer = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          const match = /^(\S+) .* (http:\/\/\S+)$/.exec(line.trim());
          if (match) found.push({ id: match[1]!, url: match[2]! });
        }
        if (lines.some((line) => line.startsWith('# ready'))) resolve(found);
      });
      child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    });
    return new SimProcess(child, devices);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await exited;
  }
}
