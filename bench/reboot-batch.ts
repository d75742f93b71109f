import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName } from '../shared/ipc/channels';
import type { EventPayload } from '../shared/ipc/contract';
import { createAppCore } from '../electron/core/app-core';
import { silentLogger } from '../electron/core/logging/json-logger';
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
    const listeners = new Set<(name: EventName, payload: unknown) => void>();
    const core = createAppCore({
      dataDir,
      host: 'headless',
      version: 'bench',
      deliver: (name, payload) => listeners.forEach((l) => l(name, payload)),
      logger: silentLogger,
      mdns: { enabled: true, requireLoopbackOnly: true },
      validateOutputs: false,
    });
    try {
      await core.start();
      const ids = await waitForDevices(core.dispatch, DEVICES);
      const finished = new Promise<EventPayload<'jobs.progressed'>>((resolve) =>
        listeners.add((name, payload) => {
          const p = payload as EventPayload<'jobs.progressed'>;
          if (name === 'jobs.progressed' && p.job.state === 'completed') resolve(p);
        }),
      );
      const started = performance.now();
      const result = await core.dispatch(
        'jobs.start',
        {
          version: 1,
          name: 'bench',
          targets: { deviceIds: ids },
          steps: [{ action: 'reboot' }],
          policy: { concurrency: CONCURRENCY },
        },
        { host: 'headless' },
      );
      if (!result.ok) throw new Error(result.error.message);
      const done = await finished;
      const makespanMs = performance.now() - started;
      const idealMs = Math.ceil(DEVICES / CONCURRENCY) * BOOT_MS;
      return {
        makespan_ratio: round(makespanMs / idealMs),
        makespan_s: round(makespanMs / 1000),
        ideal_s: idealMs / 1000,
        succeeded: done.job.counts.succeeded,
        failed: done.job.counts.failed,
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

const round = (n: number) => Math.round(n * 1000) / 1000;

async function waitForDevices(
  dispatch: ReturnType<typeof createAppCore>['dispatch'],
  count: number,
): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const result = await dispatch('devices.list', {}, { host: 'headless' });
    const online = result.ok
      ? (result.value as { id: string; online: boolean }[]).filter((d) => d.online)
      : [];
    if (online.length >= count) return online.map((d) => d.id);
    if (Date.now() > deadline) throw new Error(`only ${online.length}/${count} devices discovered`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
