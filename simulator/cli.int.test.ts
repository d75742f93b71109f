import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MosquittoBroker, startMosquitto } from './test-support/mosquitto-broker';
import { MqttWatch } from './test-support/mqtt-watch';

const ROOT = join(__dirname, '..');
/** The regex bench/sim-process.ts uses to find Shelly devices in the CLI output. */
const SHELLY_LINE = /^(\S+) .* (http:\/\/\S+)$/;

let broker: MosquittoBroker;
let child: ChildProcess;
const out: string[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
  child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      join(ROOT, 'simulator/cli.ts'),
      '--shelly',
      '3',
      '--tasmota',
      '2',
      '--tasmota-serial',
      '1',
      '--broker',
      broker.url,
      '--faults',
      'slow:s1:1-2ms,garbage:t1',
      '--seed',
      '101',
      '--boot-ms',
      '100',
      '--ota-retry-ms',
      '50',
      '--password',
      'pw',
      '--auth-style',
      'fw2',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let buffer = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      out.push(...lines);
      if (lines.some((line) => line.startsWith('# ready'))) resolve();
    });
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code}`)));
  });
}, 30_000);

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  await broker?.stop();
});

const value = (prefix: string, key: string): string => {
  const line = out.find((l) => l.startsWith(prefix))!;
  return new RegExp(`${key}=(\\S+)`).exec(line)![1];
};

describe('simulator CLI', () => {
  it('prints the control endpoint, credentials, broker, serial paths and one line per device', () => {
    expect(out.filter((line) => SHELLY_LINE.test(line))).toHaveLength(3);
    expect(out.filter((line) => line.startsWith('tasmota '))).toHaveLength(2);
    expect(value('# credentials', 'password')).toBe('pw');
    expect(value('# broker', 'url')).toBe(broker.url);
    expect(existsSync(value('tasmota ', 'serial'))).toBe(true);
    expect(out).toContain('# ready devices=5');
    expect(out.filter((line) => line.startsWith('# fault'))).toHaveLength(2);
  });

  it('serves counters, firmware and config over the control endpoint and takes faults', async () => {
    const url = value('# control', 'url');
    const devices = (await (await fetch(`${url}/devices`)).json()) as Array<{
      ref: string;
      counters: object;
      firmware: object;
    }>;
    expect(devices.map((d) => d.ref)).toEqual(['s0', 's1', 's2', 't0', 't1']);
    expect(devices[0].counters).toEqual({
      reboots: 0,
      flashes: 0,
      resets: 0,
      configWrites: 0,
      commands: 0,
      rollbacks: 0,
      otaFailures: 0,
      rpcRequests: 0,
    });
    const put = await fetch(`${url}/devices/s2/faults`, {
      method: 'PUT',
      body: 'offline:unadvertised,slow:5-10ms',
    });
    expect(((await put.json()) as { faults: string[] }).faults).toEqual([
      'offline(unadvertised)',
      'slow(5-10ms)',
    ]);
    expect((await fetch(`${url}/devices/s2/faults`, { method: 'PUT', body: 'explode' })).status).toBe(400);
    expect((await fetch(`${url}/devices/nope`)).status).toBe(404);
    expect(((await (await fetch(`${url}/health`)).json()) as { rss_mb: number }).rss_mb).toBeGreaterThan(0);
  });

  it('stops on SIGTERM: LWT Offline for every Tasmota, PTYs removed, exit code 0', async () => {
    const serial = value('tasmota ', 'serial');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(serial)).toBe(false);
    const watch = await MqttWatch.connect(broker.url, ['tele/+/LWT']);
    try {
      for (const topic of out.filter((l) => l.startsWith('tasmota ')).map((l) => value(l, 'topic'))) {
        expect(await watch.waitFor((m) => m.topic === `tele/${topic}/LWT`)).toMatchObject({
          text: 'Offline',
          retain: true,
        });
      }
    } finally {
      await watch.close();
    }
  });
});
