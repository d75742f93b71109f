import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DeviceFamily, DeviceId, DiscoverySourceKind, Endpoint } from '../shared/domain/device';
import { silentLogger } from '../electron/core/logging/json-logger';
import { openDatabase } from '../electron/core/storage/database';
import { DeviceRepository } from '../electron/core/storage/repositories/device-repository';
import type { Benchmark } from './bench-types';

const ROOT = join(__dirname, '..');
const DEVICES = 10_000;
const PAGE_LOADS = 7;
const FIRST_RENDER_MARK = 'fieldbatch:inventory-first-render';
const FILTER_MEASURE = 'fieldbatch:filter';
/** Typed into the filter box one key at a time: 10 narrowing keys, 10 widening ones, then 4 more. */
const KEYS = [...'kitchen 12', ...Array<string>(10).fill('Backspace'), ...'roof'];
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ROOMS = ['Kitchen', 'Hall', 'Roof', 'Basement', 'Office', 'Lab', 'Garage', 'Store'];
const CATALOGUE: Record<DeviceFamily, { model: string; product: string | null; firmware: string[] }[]> = {
  shelly: [
    { model: 'SNSW-001P16EU', product: 'Plus1PM', firmware: ['1.4.4', '1.5.1'] },
    { model: 'SNSW-102P16EU', product: 'Plus2PM', firmware: ['1.4.4', '1.6.0-beta1'] },
    { model: 'S3SW-001X16EU', product: 'Mini1G3', firmware: ['1.5.1', '1.6.2'] },
  ],
  tasmota: [
    {
      model: 'Sonoff Basic',
      product: null,
      firmware: ['13.4.0(release-tasmota)', '14.2.0(release-tasmota)'],
    },
    {
      model: 'Sonoff POW R2',
      product: null,
      firmware: ['12.5.0(release-tasmota)', '14.2.0(release-tasmota)'],
    },
  ],
  esphome: [{ model: 'esp32dev', product: null, firmware: ['2024.12.4', '2025.8.0'] }],
};
const FAMILIES: DeviceFamily[] = ['shelly', 'tasmota', 'esphome'];

function endpointOf(
  family: DeviceFamily,
  i: number,
  mac: string,
): { source: DiscoverySourceKind; endpoint: Endpoint } {
  const host = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  if (family === 'tasmota') {
    const topic = `tasmota_${mac.slice(-6).toUpperCase()}`;
    return {
      source: 'mqtt',
      endpoint: { transport: 'mqtt', brokerId: 'brk_bench0001', topic, fullTopic: `%prefix%/${topic}/` },
    };
  }
  if (family === 'esphome')
    return { source: 'mdns', endpoint: { transport: 'esphome-api', host, port: 6053 } };
  return { source: 'mdns', endpoint: { transport: 'http', host, port: 80 } };
}

/** A mixed site: three families, several models and firmware lines, names, tags, a few serial consoles. */
function seed(dataDir: string): void {
  const db = openDatabase({ file: join(dataDir, 'fieldbatch.db'), logger: silentLogger, now: () => 1_000 });
  const devices = new DeviceRepository(db);
  db.transaction(() => {
    for (let i = 0; i < DEVICES; i++) {
      const family = FAMILIES[i % FAMILIES.length]!;
      const models = CATALOGUE[family];
      const model = models[Math.floor(i / 3) % models.length]!;
      const mac = (0x5ccf7f000000 + i).toString(16).padStart(12, '0');
      const id = `mac:${mac}` as DeviceId;
      const sighting = {
        id,
        family,
        name: i % 5 === 0 ? null : `${ROOMS[i % ROOMS.length]} ${model.product ?? family} ${i}`,
        model: model.model,
        product: model.product,
        generation: family === 'shelly' ? 2 : null,
        firmware: model.firmware[i % model.firmware.length]!,
        mac,
        raw: { mac, index: i },
        at: 1_000 + i,
      };
      devices.recordSighting({ ...sighting, ...endpointOf(family, i, mac) });
      if (i % 10 === 0) {
        const path = `/dev/ttyUSB${i % 4}`;
        devices.recordSighting({
          ...sighting,
          source: 'serial',
          endpoint: { transport: 'serial', path, baudRate: 115_200 },
        });
      }
      const tags = [...(i % 7 === 0 ? ['roof'] : []), ...(i % 11 === 0 ? ['building-2'] : [])];
      if (tags.length > 0) devices.update({ id, tags });
    }
  })();
  db.close();
}

/** The headless host as a child process (like the e2e fixture), resolving with its URL. */
function startHost(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      join(ROOT, 'electron/headless/cli.ts'),
      '--data',
      dataDir,
      '--port',
      '0',
      '--no-mdns',
    ],
    { cwd: ROOT, env: { ...process.env, FIELDBATCH_TEST_MODE: '1' }, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready: (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`headless host exited with ${code}`)));
  });
}

async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid!, 'SIGTERM');
  await exited;
}

/**
 * Resolves once the page holds `count` User Timing entries named `name`. Waits with a PerformanceObserver, not
 * Playwright's requestAnimationFrame polling, so the wait adds no work to the main thread being measured.
 */
function entries(page: Page, name: string, type: 'mark' | 'measure', count: number): Promise<void> {
  // A string, not a function: tsx would wrap the inner arrow functions in a helper the page does not have.
  return page.evaluate(`new Promise((resolve) => {
    const [name, type, count] = ${JSON.stringify([name, type, count])};
    const isDone = () => performance.getEntriesByName(name, type).length >= count;
    if (isDone()) return resolve();
    const observer = new PerformanceObserver(() => {
      if (!isDone()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe({ type });
  })`);
}

/** Navigation start → first table render with the loaded list, per page load. */
async function firstRenderMs(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await entries(page, FIRST_RENDER_MARK, 'mark', 1);
  return page.evaluate((name) => performance.getEntriesByName(name, 'mark')[0]!.startTime, FIRST_RENDER_MARK);
}

/** Types one key at a time into the filter box and collects each change's change→commit measure. */
async function filterMs(page: Page): Promise<number[]> {
  await page.getByRole('searchbox', { name: 'Filter devices' }).focus();
  for (const [n, key] of KEYS.entries()) {
    await page.keyboard.press(key);
    await entries(page, FILTER_MEASURE, 'measure', n + 1);
  }
  return page.evaluate(
    (name) => performance.getEntriesByName(name, 'measure').map((m) => m.duration),
    FILTER_MEASURE,
  );
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The inventory UI at 10,000 devices in Chromium through the headless host: first render of the table
 * (median over fresh page loads, from navigation start) and filter latency (median over typed changes, from the
 * input's change event to the table's commit). Goals: first_render_ms < 1000, filter_ms < 50.
 */
export const inventoryUi: Benchmark = {
  name: 'inventory-ui',
  description: `${DEVICES} devices in Chromium: first render of the inventory, filter latency while typing`,
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'fieldbatch-bench-ui-'));
    let host: ChildProcess | undefined;
    let browser: Browser | undefined;
    try {
      seed(dataDir);
      const started = await startHost(dataDir);
      host = started.child;
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const renders: number[] = [];
      for (let i = 0; i < PAGE_LOADS; i++) renders.push(await firstRenderMs(page, started.url));
      const shown = await page.getByTestId('device-counts').textContent();
      if (!shown?.startsWith(`${DEVICES} devices`)) throw new Error(`inventory shows "${shown}"`);
      const filters = await filterMs(page);
      return {
        first_render_ms: round(median(renders)),
        filter_ms: round(median(filters)),
        filter_max_ms: round(Math.max(...filters)),
        first_render_samples: renders.length,
        filter_samples: filters.length,
        devices: DEVICES,
      };
    } finally {
      await browser?.close();
      if (host) await stopHost(host);
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
