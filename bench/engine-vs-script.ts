import type { EventName } from '../shared/ipc/channels';
import type { EventPayload } from '../shared/ipc/contract';
import type { JobId } from '../shared/domain/job';
import { benchAppCore, type EventListener } from './bench-app-core';
import { makeTempDir } from '../test-support/core/temp-dir';
import { median } from './figures';
import { rebootByScript } from './reboot-script';
import { SimProcess } from './sim-process';
import { typedInvoke, type Invoke } from './typed-invoke';
import { waitForOnline } from './wait-for-devices';

export interface EngineVsScriptOptions {
  devices: number;
  concurrency: number;
  bootMs: number;
  /** Measured rounds per side, alternating who goes first; one unmeasured warm-up round each before. */
  rounds: number;
}

export interface EngineVsScriptResult {
  engineMs: number;
  scriptMs: number;
  /** Devices not verified as rebooted, over every measured round of that side. */
  engineUnverified: number;
  scriptUnverified: number;
}

/**
 * B2: the same verified reboot of the same simulated Shelly fleet (simulator in its own process, HTTP on
 * loopback), once through the whole app core (mDNS discovery, `jobs.start`, journal on a SQLite file, events)
 * and once by the hand-written script. Engine time runs from `jobs.start` (which plans again) to the job's
 * `finishedAt`; both sides start only when the app sees every device online again.
 */
export async function engineVsScript(options: EngineVsScriptOptions): Promise<EngineVsScriptResult> {
  const { devices: count, concurrency } = options;
  const dir = makeTempDir('fieldbatch-bench-b2-');
  const sim = await SimProcess.start([
    '--shelly',
    String(count),
    '--boot-ms',
    String(options.bootMs),
    '--seed',
    '11',
  ]);
  const { core, listeners } = benchAppCore(dir.path);
  const invoke = typedInvoke((name, input) => core.dispatch(name, input, { host: 'headless' }));
  try {
    await core.start();
    const ids = (await waitForOnline(invoke, count)).map((d) => d.id);
    const targets = await Promise.all(
      sim.devices.map(async (d) => {
        const info = (await (await fetch(`${d.url}/shelly`)).json()) as { mac: string };
        return { url: d.url, mac: info.mac.toLowerCase() };
      }),
    );
    const engineRound = async () => {
      await waitForOnline(invoke, count);
      return rebootByEngine(invoke, listeners, { ids, concurrency });
    };
    const scriptRound = async () => {
      await waitForOnline(invoke, count);
      const { ms, verified } = await rebootByScript(targets, concurrency);
      return { ms, unverified: count - verified };
    };
    await engineRound();
    await scriptRound();
    const engine: { ms: number; unverified: number }[] = [];
    const script: { ms: number; unverified: number }[] = [];
    for (let i = 0; i < options.rounds; i++) {
      if (i % 2 === 0) {
        engine.push(await engineRound());
        script.push(await scriptRound());
      } else {
        script.push(await scriptRound());
        engine.push(await engineRound());
      }
    }
    const sum = (rs: { unverified: number }[]) => rs.reduce((n, r) => n + r.unverified, 0);
    return {
      engineMs: median(engine.map((r) => r.ms)),
      scriptMs: median(script.map((r) => r.ms)),
      engineUnverified: sum(engine),
      scriptUnverified: sum(script),
    };
  } finally {
    await core.shutdown();
    await sim.stop();
    dir.cleanup();
  }
}

/** One verified reboot job through the app core's contract (dry run, confirmed start), until it completes. */
export async function rebootByEngine(
  invoke: Invoke,
  listeners: Set<EventListener>,
  job: { ids: string[]; concurrency: number },
): Promise<{ ms: number; unverified: number }> {
  const spec = {
    version: 1 as const,
    name: 'bench b2',
    targets: { deviceIds: job.ids },
    steps: [{ action: 'reboot' as const }],
    policy: { concurrency: job.concurrency },
  };
  const plan = await invoke('jobs.plan', spec);
  let jobId: JobId | null = null;
  const ended = new Promise<void>((resolve) => {
    const listener = (name: EventName, payload: unknown) => {
      const p = payload as EventPayload<'jobs.progressed'>;
      if (name !== 'jobs.progressed' || p.job.id !== jobId || p.job.state !== 'completed') return;
      listeners.delete(listener);
      resolve();
    };
    listeners.add(listener);
  });
  const startedAt = Date.now();
  jobId = (await invoke('jobs.start', { spec, confirmDevices: plan.runnable })).jobId;
  await ended;
  const { job: summary } = await invoke('jobs.get', { jobId });
  return { ms: summary.finishedAt! - startedAt, unverified: summary.total - summary.counts.succeeded };
}
