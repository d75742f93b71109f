import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Benchmark } from './bench-types';
import { engineVsScript } from './engine-vs-script';
import { FakeFleetEngine, type FakeFleetRun } from './fake-fleet-engine';
import { median, round3 } from './figures';

const B1 = { devices: 1_000, concurrency: 50, latencyMs: 200, runs: 5 };
const B2 = { devices: 500, concurrency: 50, bootMs: 500, rounds: 5 };
const B3 = { devices: 20_000, concurrency: 100 };
const B5 = { devices: 10_000, concurrency: 200, latencyMs: 200, rssSampleMs: 50 };

/**
 * B1 + B4: 1,000 devices, concurrency 50, every step 200 ms (the FakeDriver with delayMs 200, so the figure is
 * the engine's own overhead over a perfectly regular device), on a SQLite file with durable group commits.
 * The job runs `B1.runs` times, each on a fresh database; the ratio is their median. B4 is the event-loop delay
 * of this process (which runs the engine), from the worst of those runs.
 */
async function makespanAndLag() {
  // One monitor per run (one enabled again counts the time it was off as a delay); the worst run is reported.
  const lags: { p99: number; max: number; mean: number }[] = [];
  const ratios: number[] = [];
  const plans: number[] = [];
  const idealMs = Math.ceil(B1.devices / B1.concurrency) * B1.latencyMs;
  for (let i = 0; i < B1.runs; i++) {
    const engine = FakeFleetEngine.create({ devices: B1.devices, delayMs: B1.latencyMs });
    try {
      const monitor = monitorEventLoopDelay({ resolution: 1 });
      monitor.enable();
      const run = await engine.runJob(B1.concurrency);
      monitor.disable();
      lags.push({ p99: monitor.percentile(99), max: monitor.max, mean: monitor.mean });
      if (run.succeeded !== B1.devices) throw new Error(`B1: ${run.succeeded}/${B1.devices} succeeded`);
      ratios.push(run.makespanMs / idealMs);
      plans.push(run.planMs);
    } finally {
      await engine.close();
    }
  }
  return {
    b1_ratio: round3(median(ratios)),
    b1_ratio_min: round3(Math.min(...ratios)),
    b1_ratio_max: round3(Math.max(...ratios)),
    b1_makespan_s: round3((median(ratios) * idealMs) / 1000),
    b1_ideal_s: idealMs / 1000,
    b1_plan_ms: Math.round(median(plans)),
    b4_lag_p99_ms: round3(Math.max(...lags.map((l) => l.p99)) / 1e6),
    b4_lag_max_ms: round3(Math.max(...lags.map((l) => l.max)) / 1e6),
    b4_lag_mean_ms: round3(Math.max(...lags.map((l) => l.mean)) / 1e6),
  };
}

/**
 * B3: 20,000 devices × 1 step at zero device latency, concurrency 100, durable progress on a SQLite file: the
 * engine alone, then (side by side, same process) with the records the app writes in each commit (sync outbox,
 * report versions) and the history indexer subscribed, as in `createAppCore`.
 */
async function throughput() {
  const bare = await b3Run(false);
  const records = await b3Run(true);
  return {
    b3_steps_per_s: Math.round(B3.devices / (bare.makespanMs / 1000)),
    b3_makespan_s: round3(bare.makespanMs / 1000),
    b3_ui_events: bare.deliveries,
    ...uiFigures('b3', bare),
    b3_records_steps_per_s: Math.round(B3.devices / (records.makespanMs / 1000)),
    b3_records_ratio: round3(bare.makespanMs / records.makespanMs),
  };
}

async function b3Run(records: boolean): Promise<FakeFleetRun> {
  const engine = FakeFleetEngine.create({ devices: B3.devices, delayMs: 0, records });
  try {
    const run = await engine.runJob(B3.concurrency);
    if (run.succeeded !== B3.devices) throw new Error(`B3: ${run.succeeded}/${B3.devices} succeeded`);
    return run;
  } finally {
    await engine.close();
  }
}

/**
 * What the renderer receives: every delivered event's JSON, in MB; per changed device, those bytes over the
 * (device, delivery) pairs (a device in two deliveries counts twice) and over the distinct devices; and the
 * job summaries' share of it.
 */
function uiFigures(prefix: string, run: FakeFleetRun) {
  return {
    [`${prefix}_ui_event_mb_total`]: round3(run.deliveredBytes / 1e6),
    [`${prefix}_ui_bytes_per_changed_device`]: Math.round(run.deliveredBytes / run.changedPairs),
    [`${prefix}_ui_bytes_per_distinct_device`]: Math.round(run.deliveredBytes / run.changedDevices),
    [`${prefix}_ui_summary_bytes_per_event`]: Math.round(run.summaryBytes / run.deliveries),
  };
}

/**
 * B5: 10,000 devices, concurrency 200, every step 200 ms, on a SQLite file: the makespan over the ideal
 * (devices / concurrency rounds of one step), the process's peak RSS (it runs the engine as the main process
 * does; sampled every `B5.rssSampleMs`, after B1 and B3 ran in the same process) and what the UI received.
 */
async function largeFleet() {
  const engine = FakeFleetEngine.create({ devices: B5.devices, delayMs: B5.latencyMs });
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), B5.rssSampleMs);
  try {
    const run = await engine.runJob(B5.concurrency);
    if (run.succeeded !== B5.devices) throw new Error(`B5: ${run.succeeded}/${B5.devices} succeeded`);
    const idealMs = Math.ceil(B5.devices / B5.concurrency) * B5.latencyMs;
    return {
      b5_ratio: round3(run.makespanMs / idealMs),
      b5_makespan_s: round3(run.makespanMs / 1000),
      b5_ideal_s: idealMs / 1000,
      b5_rss_peak_mb: Math.round(Math.max(rssPeak, process.memoryUsage().rss) / 1e6),
      b5_rss_before_mb: Math.round(rssBefore / 1e6),
      b5_ui_events: run.deliveries,
      ...uiFigures('b5', run),
    };
  } finally {
    clearInterval(sampler);
    await engine.close();
  }
}

/** B2: the app core vs a hand-written p-limit + fetch script, same verified reboot, same simulated fleet. */
async function versusScript() {
  const r = await engineVsScript(B2);
  return {
    b2_ratio: round3(r.engineMs / r.scriptMs),
    b2_engine_s: round3(r.engineMs / 1000),
    b2_script_s: round3(r.scriptMs / 1000),
    b2_engine_unverified: r.engineUnverified,
    b2_script_unverified: r.scriptUnverified,
  };
}

export const engine: Benchmark = {
  name: 'engine',
  description:
    `B1/B4 ${B1.devices} fake devices ×${B1.latencyMs} ms at ${B1.concurrency}, median of ${B1.runs} runs; ` +
    `B2 engine vs script, ${B2.devices} simulated Shelly reboots at ${B2.concurrency}, ${B2.rounds} rounds; ` +
    `B3 ${B3.devices} zero-latency steps at ${B3.concurrency}; ` +
    `B5 ${B5.devices} fake devices ×${B5.latencyMs} ms at ${B5.concurrency}`,
  async run() {
    // Other work on the machine shows up in every figure here; the load before the run says how much.
    const load = loadavg()[0]!;
    const { b1_ratio, b4_lag_p99_ms, ...b1 } = await makespanAndLag();
    const { b3_steps_per_s, ...b3 } = await throughput();
    const { b5_ratio, ...b5 } = await largeFleet();
    const { b2_ratio, ...b2 } = await versusScript();
    return {
      b1_ratio,
      b2_ratio,
      b3_steps_per_s,
      b4_lag_p99_ms,
      b5_ratio,
      ...b1,
      ...b2,
      ...b3,
      ...b5,
      b1_devices: B1.devices,
      b1_concurrency: B1.concurrency,
      b1_latency_ms: B1.latencyMs,
      b1_runs: B1.runs,
      b2_devices: B2.devices,
      b2_concurrency: B2.concurrency,
      b2_boot_ms: B2.bootMs,
      b2_rounds: B2.rounds,
      b3_devices: B3.devices,
      b3_concurrency: B3.concurrency,
      b5_devices: B5.devices,
      b5_concurrency: B5.concurrency,
      b5_latency_ms: B5.latencyMs,
      load_1m_at_start: round3(load),
    };
  },
};
