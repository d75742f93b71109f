import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import makeMdns from 'multicast-dns';
import mqtt from 'mqtt';
import { startMosquitto } from '../simulator/test-support/mosquitto-broker';
import type { Benchmark } from './bench-types';

const ROOT = join(__dirname, '..');
const SHELLY = 700;
const TASMOTA = 300;
const SERIAL = 2;
const WAIT_MS = 20_000;

interface Started {
  child: ChildProcess;
  controlUrl: string;
  startupS: number;
}

/** The simulator CLI in its own process, timed from spawn to its `# ready` line. */
function startSimulator(broker: string): Promise<Started> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      join(ROOT, 'simulator/cli.ts'),
      '--shelly',
      String(SHELLY),
      '--tasmota',
      String(TASMOTA),
      '--tasmota-serial',
      String(SERIAL),
      '--broker',
      broker,
      '--seed',
      '17',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let buffer = '';
    let controlUrl = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const control = /^# control url=(\S+)/.exec(line);
        if (control) controlUrl = control[1];
        if (line.startsWith('# ready'))
          resolve({ child, controlUrl, startupS: (performance.now() - started) / 1000 });
      }
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
}

/** Distinct `_shelly._tcp` instances answering a PTR browse, asked by a raw multicast-dns querier. */
async function mdnsAnswered(expected: number): Promise<number> {
  const mdns = makeMdns({ interface: '127.0.0.1', bind: '0.0.0.0', loopback: true, reuseAddr: true, ttl: 1 });
  const seen = new Set<string>();
  mdns.on('response', (packet) => {
    for (const record of [...(packet.answers ?? []), ...(packet.additionals ?? [])]) {
      if (record.type === 'PTR' && record.name === '_shelly._tcp.local') seen.add(String(record.data));
    }
  });
  mdns.on('warning', () => undefined);
  await new Promise((resolve) => mdns.once('ready', resolve));
  const deadline = Date.now() + WAIT_MS;
  while (seen.size < expected && Date.now() < deadline) {
    mdns.query({ questions: [{ name: '_shelly._tcp.local', type: 'PTR' }] });
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  await new Promise<void>((resolve) => mdns.destroy(() => resolve()));
  return seen.size;
}

/** Distinct Tasmota topics whose retained LWT says Online. */
async function mqttOnline(url: string, expected: number): Promise<number> {
  const client = mqtt.connect(url, { reconnectPeriod: 0 });
  const online = new Set<string>();
  client.on('message', (topic, payload) => {
    if (payload.toString() === 'Online') online.add(topic);
    else online.delete(topic);
  });
  await new Promise((resolve) => client.once('connect', resolve));
  await client.subscribeAsync('tele/+/LWT');
  const deadline = Date.now() + WAIT_MS;
  while (online.size < expected && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));
  await client.endAsync(true);
  return online.size;
}

/**
 * 1,000 mixed devices in one simulator process (700 Shelly with mDNS, 300 Tasmota on mosquitto, 2 of
 * them with a serial console): start-up time, resident memory, and how many Shelly devices answer an
 * independent mDNS browse. Targets: startup_s < 10, rss_mb < 600, mdns_answered = 700.
 */
export const simScale: Benchmark = {
  name: 'sim-scale',
  description: `${SHELLY} Shelly + ${TASMOTA} Tasmota (${SERIAL} serial) in one simulator process`,
  async run() {
    const broker = await startMosquitto();
    let child: ChildProcess | undefined;
    try {
      const sim = await startSimulator(broker.url);
      child = sim.child;
      const answered = await mdnsAnswered(SHELLY);
      const mqttUp = await mqttOnline(broker.url, TASMOTA);
      const health = (await (await fetch(`${sim.controlUrl}/health`)).json()) as {
        devices: number;
        rss_mb: number;
      };
      return {
        devices: health.devices,
        rss_mb: health.rss_mb,
        startup_s: Math.round(sim.startupS * 1000) / 1000,
        mdns_answered: answered,
        mqtt_online: mqttUp,
        shelly: SHELLY,
        tasmota: TASMOTA,
      };
    } finally {
      if (child !== undefined && child.exitCode === null) {
        const exited = new Promise((resolve) => child!.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await broker.stop();
    }
  },
};
