import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DeviceId } from '../shared/domain/device';
import type { JobId } from '../shared/domain/job';
import { createFirmwareModule } from '../electron/core/firmware/firmware-module';
import { createRandomIdSource } from '../electron/core/ids';
import { silentLogger } from '../electron/core/logging/json-logger';
import { openDatabase } from '../electron/core/storage/database';
import { buildShellyFirmwareZip } from '../simulator';
import type { Benchmark } from './bench-types';

const CLIENTS = 100;
const IMAGE_BYTES = 4 * 1024 * 1024;
const ROUNDS = 9;
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));

/**
 * The load generator: plain HTTP clients (not simulated devices) in their own process, so the device side
 * costs the same for both servers and never shares our server's event loop. One line in: `{url, n}`; it
 * starts n GETs at once (no keep-alive, like devices), reads and counts every byte, and answers with the
 * wall time from the first request to the last byte.
 */
const CLIENT_SCRIPT = `
const http = require('node:http');
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const { url, n } = JSON.parse(line);
  const started = performance.now();
  let bytes = 0, pending = n, failures = 0;
  const done = () => { if (--pending === 0) process.stdout.write(JSON.stringify({ ms: performance.now() - started, bytes, failures }) + '\\n'); };
  for (let i = 0; i < n; i++) {
    http.get(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) failures++;
      res.on('data', (c) => { bytes += c.length; });
      res.on('end', done);
      res.on('error', () => { failures++; done(); });
    }).on('error', () => { failures++; done(); });
  }
});`;

interface RoundResult {
  ms: number;
  bytes: number;
  failures: number;
}

/** The client process, driven line by line. */
class LoadClient {
  private readonly child: ChildProcess;
  private readonly replies: ((line: string) => void)[] = [];

  constructor() {
    this.child = spawn(process.execPath, ['-e', CLIENT_SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.replies.shift()?.(line));
  }

  round(url: string): Promise<RoundResult> {
    return new Promise((resolve) => {
      this.replies.push((line) => resolve(JSON.parse(line) as RoundResult));
      this.child.stdin!.write(JSON.stringify({ url, n: CLIENTS }) + '\n');
    });
  }

  async stop(): Promise<void> {
    await stopChild(this.child);
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid!, 'SIGTERM');
  await exited;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * nginx in the foreground as a single process (`master_process off`: no privilege drop, so it reads our
 * temp files, and one process like our one event loop), sendfile on, logs off, every path in `dir`.
 */
async function startNginx(dir: string, root: string): Promise<{ child: ChildProcess; port: number }> {
  if (!NGINX) throw new Error('nginx not found: apt-get install -y --no-install-recommends nginx-light');
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  writeFileSync(
    conf,
    `daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 0;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  server { listen 127.0.0.1:${port}; root ${root}; location / { } }
}
`,
  );
  const child = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', conf], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD' }).then(
      () => true,
      () => false,
    );
    if (up) return { child, port };
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`nginx did not start (see ${join(dir, 'error.log')})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const mibPerSecond = (r: RoundResult) => r.bytes / (1024 * 1024) / (r.ms / 1000);

/**
 * 100 clients pull one 4 MiB image at once from our firmware server and from nginx serving the same file on
 * loopback; rounds interleave (alternating who goes first) and each side's median aggregate throughput is
 * compared. Our server runs in this process with its concurrency cap raised to 100 (the cap itself is not
 * what is measured); RSS growth is this process's peak RSS from just before the first download (warm-up
 * round included) to the end, over the RSS then. On a small machine both sides end up bounded by the one
 * client process, so the ratio says "as fast as nginx here", not "as cheap": nginx's sendfile costs far
 * less CPU per byte than our read-and-write.
 */
export const firmwareServer: Benchmark = {
  name: 'firmware-server',
  description: `${CLIENTS} clients pull a 4 MiB image at once from our firmware server vs nginx, ${ROUNDS} rounds`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'fieldbatch-bench-fw-'));
    const db = openDatabase({
      file: join(dir, 'fieldbatch.db'),
      logger: silentLogger,
      now: () => Date.now(),
    });
    const fw = createFirmwareModule({
      dataDir: dir,
      db,
      clock: { now: () => Date.now() },
      ids: createRandomIdSource(),
      logger: silentLogger,
      inUse: () => false,
      device: () => null,
    });
    const image = buildShellyFirmwareZip({
      app: 'Plus1PM',
      version: '1.6.0',
      buildId: 'bench',
      partSize: IMAGE_BYTES,
    });
    const www = join(dir, 'www');
    mkdirSync(www);
    writeFileSync(join(www, 'Plus1PM-1.6.0.zip'), image);
    const client = new LoadClient();
    let nginx: { child: ChildProcess; port: number } | null = null;
    try {
      const { uploadId } = await fw.library.beginUpload({
        fileName: 'Plus1PM-1.6.0.zip',
        size: image.length,
      });
      for (let offset = 0; offset < image.length; offset += 512 * 1024) {
        const dataBase64 = image.subarray(offset, offset + 512 * 1024).toString('base64');
        await fw.library.uploadChunk({ uploadId, offset, dataBase64 });
      }
      const { image: entry } = await fw.library.finishUpload({ uploadId });
      await fw.server.updateSettings({ interface: 'lo', maxConcurrent: CLIENTS });
      await fw.start();
      const ours = fw.server.urlFor('job_benchbenchbench' as JobId, entry.sha256, {
        id: 'mac:000000000001' as DeviceId,
        hosts: ['127.0.0.1'],
      })!;
      nginx = await startNginx(dir, www);
      const theirs = `http://127.0.0.1:${nginx.port}/Plus1PM-1.6.0.zip`;
      const baseline = process.memoryUsage.rss();
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
      // One unmeasured round each (inside the RSS window): hashes the image once and warms both sides up.
      await client.round(ours);
      await client.round(theirs);
      const results = { ours: [] as RoundResult[], nginx: [] as RoundResult[] };
      for (let i = 0; i < ROUNDS; i++) {
        const order = i % 2 === 0 ? (['ours', 'nginx'] as const) : (['nginx', 'ours'] as const);
        for (const side of order) results[side].push(await client.round(side === 'ours' ? ours : theirs));
      }
      clearInterval(sampler);
      const failures = [...results.ours, ...results.nginx].reduce((n, r) => n + r.failures, 0);
      const expectedBytes = CLIENTS * image.length;
      if (failures > 0 || [...results.ours, ...results.nginx].some((r) => r.bytes !== expectedBytes)) {
        throw new Error(`incomplete downloads: ${failures} failed requests`);
      }
      const oursMiBps = median(results.ours.map(mibPerSecond));
      const nginxMiBps = median(results.nginx.map(mibPerSecond));
      return {
        ratio_vs_nginx: round3(oursMiBps / nginxMiBps),
        rss_growth_mb: round3((peak - baseline) / (1024 * 1024)),
        ours_mib_s: Math.round(oursMiBps),
        nginx_mib_s: Math.round(nginxMiBps),
        clients: CLIENTS,
        image_mib: IMAGE_BYTES / (1024 * 1024),
        rounds: ROUNDS,
      };
    } finally {
      if (nginx) await stopChild(nginx.child);
      await client.stop();
      await fw.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
