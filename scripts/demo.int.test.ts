import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');

/** Every live descendant of `pid` (from /proc: each process's parent is field 4 of its stat line). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
    } catch {
      // gone in between
    }
  }
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** Alive and not a zombie waiting for its parent to reap it. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

describe('npm run demo (scripts/demo.ts)', () => {
  let dataDir: string;
  let demo: ChildProcess | undefined;

  afterEach(() => {
    if (demo?.exitCode === null) demo.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  function runDemo(args: string[]) {
    dataDir = mkdtempSync(join(tmpdir(), 'fieldbatch-demo-test-'));
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/demo.ts'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, FIELDBATCH_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    demo = child;
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const summary = new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/Stop with Ctrl-C/.test(output)) {
          clearInterval(timer);
          resolve(output);
        }
      }, 50);
      void exited.then(() => {
        clearInterval(timer);
        reject(new Error(`the demo exited before printing its summary:\n${output}`));
      });
    });
    summary.catch(() => undefined); // awaited only by the tests that expect a summary
    return { child, exited, summary, output: () => output };
  }

  it('starts the site and the app, prints where everything is, and leaves no process behind', async () => {
    const { child, exited, summary, output } = runDemo([
      '--shelly',
      '3',
      '--tasmota',
      '2',
      '--stop-after',
      '6',
    ]);
    const text = await summary;
    const url = /Open the app: +(\S+)/.exec(text)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(text).toMatch(/Shelly \(mDNS\): +3 devices/);
    expect(text).toMatch(/Tasmota \(MQTT\): +2 devices on the broker mqtt:\/\/127\.0\.0\.1:\d+/);
    const ports = [...text.matchAll(/^ +(\S+ttySIM\d)$/gm)].map((m) => m[1]!);
    expect(ports).toHaveLength(2);
    for (const port of ports) expect(existsSync(port)).toBe(true);
    const firmwareDir = join(dataDir, 'firmware-to-import');
    expect(readdirSync(firmwareDir).some((f) => f.endsWith('.bin.gz'))).toBe(true);
    expect(readdirSync(firmwareDir).some((f) => f.endsWith('.zip'))).toBe(true);
    const started = descendants(child.pid!);
    const names = started.map(commandOf).join('\n');
    expect(names).toMatch(/mosquitto/);
    expect(names).toMatch(/socat/);
    expect(names).toMatch(/headless\/cli\.ts/);

    expect(await exited).toBe(0);
    expect(output()).toContain('demo stopped');
    expect(started.filter(isAlive).map(commandOf)).toEqual([]);
    for (const port of ports) expect(existsSync(port)).toBe(false);
  }, 60_000);

  it('stops everything it started on SIGTERM', async () => {
    const { child, exited, summary } = runDemo(['--shelly', '1', '--tasmota', '1']);
    await summary;
    const started = descendants(child.pid!);
    expect(started.length).toBeGreaterThan(2);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(started.filter(isAlive).map(commandOf)).toEqual([]);
  }, 60_000);

  it('refuses a bad count in words, with the usage', async () => {
    const { exited, output } = runDemo(['--shelly', 'many']);
    expect(await exited).toBe(2);
    expect(output()).toContain('--shelly must be a whole number from 0 to 200, not "many"');
    expect(output()).toContain('Usage: npm run demo');
  }, 30_000);
});
