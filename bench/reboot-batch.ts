import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchAppCore } from './bench-app-core';
import { rebootByEngine } from './engine-vs-script';
import { round3 } from './figures';
import { typedInvoke } from './typed-invoke';
import { waitForOnline } from './wait-for-devices';
import type { Benchmark } from './bench-types';
import { SimProcess } from './sim-process';

const DEVICES = 200;
const CONCURRENCY = 20;
const BOOT_MS = 2_000;

/**
 * The first slice at scale: 200 simulated Shelly devices found by mDNS, rebooted as one batch (concurrency 20)
 * through the real core, each reboot verified by read-back. Ideal = ⌈200/20⌉·B, the time if every device
 * were back the instant its boot time ended and nothing else cost anything.
 */
export const rebootBatch: Benchmark = {
  name: 'reboot-batch',
  description: `reboot ${DEVICES} simulated devices, concurrency ${CONCURRENCY}, boot time ${BOOT_MS} ms`,
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'fieldbatch-bench-'));
    const sim = await SimProcess.start([
      '--shelly',
      String(DEVICES),
      '--boot-ms',
      String(BOOT_MS),
      '--seed',
      '3',
    ]);
    const { core, listeners } = benchAppCore(dataDir);
    const invoke = typedInvoke((name, input) => core.dispatch(name, input, { host: 'headless' }));
    try {
      await core.start();
      const ids = (await waitForOnline(invoke, DEVICES)).map((d) => d.id);
      const run = await rebootByEngine(invoke, listeners, { ids, concurrency: CONCURRENCY });
      const idealMs = Math.ceil(DEVICES / CONCURRENCY) * BOOT_MS;
      return {
        makespan_ratio: round3(run.ms / idealMs),
        makespan_s: round3(run.ms / 1000),
        ideal_s: idealMs / 1000,
        unverified: run.unverified,
        devices: DEVICES,
        concurrency: CONCURRENCY,
        boot_ms: BOOT_MS,
      };
    } finally {
      await core.shutdown();
      await sim.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
