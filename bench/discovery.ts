import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore } from '../electron/core/app-core';
import { silentLogger } from '../electron/core/logging/json-logger';
import type { Benchmark } from './bench-types';
import { startMosquitto } from '../simulator/test-support/mosquitto-broker';
import { SimProcess } from './sim-process';

const DEVICES = 500;

/**
 * Time from starting the app's discovery until every device of a fresh 500-device site is in the inventory.
 * `brokerUrl`: the app is told about the site broker right after start, as a technician would.
 */
async function timeToFind(simArgs: string[], count: number, brokerUrl?: string): Promise<number> {
  const sim = await SimProcess.start(simArgs);
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldbatch-bench-'));
  const core = createAppCore({
    dataDir,
    host: 'headless',
    version: 'bench',
    deliver: () => {},
    logger: silentLogger,
    mdns: { enabled: true, requireLoopbackOnly: true },
    validateOutputs: false,
  });
  try {
    const started = performance.now();
    await core.start();
    if (brokerUrl) await core.dispatch('discovery.saveBroker', { url: brokerUrl }, { host: 'headless' });
    for (;;) {
      const result = await core.dispatch('devices.list', {}, { host: 'headless' });
      const online = result.ok ? (result.value as { online: boolean }[]).filter((d) => d.online).length : 0;
      if (online >= count) return (performance.now() - started) / 1000;
      if (performance.now() - started > 60_000)
        throw new Error(`only ${online}/${count} devices found in 60 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await core.shutdown();
    await sim.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * `mdns_500_s`: 500 simulated Shelly devices announced on mDNS, each confirmed by its driver over HTTP.
 * `mqtt_500_s`: 500 simulated Tasmota devices on a mosquitto broker, found by their retained discovery messages.
 */
export const discovery: Benchmark = {
  name: 'discovery',
  description: `time until all of ${DEVICES} simulated devices are in the inventory, by mDNS and by MQTT`,
  async run() {
    const mdns = await timeToFind(['--shelly', String(DEVICES), '--seed', '5'], DEVICES);
    const broker = await startMosquitto();
    try {
      const args = ['--tasmota', String(DEVICES), '--broker', broker.url, '--no-mdns', '--seed', '6'];
      const mqtt = await timeToFind(args, DEVICES, broker.url);
      return { mdns_500_s: round(mdns), mqtt_500_s: round(mqtt), devices: DEVICES };
    } finally {
      await broker.stop();
    }
  },
};
