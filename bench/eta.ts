import { loadavg } from 'node:os';
import type { DeviceId } from '../shared/domain/device';
import type { JobEta } from '../shared/domain/job-eta';
import { type JobProgress } from '../shared/domain/job';
import { FakeDriver } from '../test-support/drivers/fake/fake-driver';
import { endpointKey } from '../electron/core/discovery/endpoint-key';
import { seedDevices } from '../test-support/core/seed-devices';
import { seededRandom } from '../simulator/util/seeded-random';
import type { Benchmark } from './bench-types';
import { FakeFleetEngine } from './fake-fleet-engine';
import { median, round3 } from './figures';
import { TERMINAL_EXECUTION_STATES } from '../shared/domain/job-rules';

/**
 * The fleet: most devices reboot in 150–450 ms, some are slow (1–2.5 s), some take long to come back from a
 * reboot (4–7 s), and a few are offline when the job starts and come back `DEFERRED_BACK_MS` later (deferred:
 * the job waits for them). Latencies are drawn from a seeded generator, so every run has the same fleet.
 */
const FLEET = { devices: 1_000, concurrency: 25, seed: 17, slow: 0.14, rebootingLong: 0.05, deferred: 10 };
const DEFERRED_BACK_MS = 10_000;
/** Where the prediction is checked; the goal (±15 %) is judged on these. */
const CHECKPOINTS = [0.1, 0.25, 0.5] as const;
/** Looked at too, for the curve; not part of the figures the goal is judged on. */
const EXTRA_CHECKPOINTS = [0.75, 0.9] as const;

interface Checkpoint {
  done: number;
  at: number;
  /** What the monitor would show then, in ms; null when it showed no time. */
  predictedMs: number | null;
}

function scriptFleet(
  driver: FakeDriver,
  ids: DeviceId[],
): { deferred: DeviceId[]; slow: number; long: number } {
  const random = seededRandom(FLEET.seed);
  let slow = 0;
  let long = 0;
  for (const id of ids) {
    const draw = random();
    const within = (from: number, to: number) => Math.round(from + random() * (to - from));
    let delayMs = within(150, 450);
    if (draw < FLEET.rebootingLong) [delayMs, long] = [within(4_000, 7_000), long + 1];
    else if (draw < FLEET.rebootingLong + FLEET.slow) [delayMs, slow] = [within(1_000, 2_500), slow + 1];
    driver.script(id, { kind: 'succeed', delayMs });
  }
  // seedDevices puts the same devices back in the same order: the first ones can be brought back by seeding again.
  return { deferred: ids.slice(0, FLEET.deferred), slow, long };
}

/** What the monitor shows as time left at `now`: main's estimate counted down from when it was made. */
function shownLeft(eta: JobEta | null | undefined, now: number): number | null {
  if (!eta || eta.workMs === null) return null;
  return Math.max(0, eta.workMs - (now - eta.at));
}

async function measure() {
  const checkpoints: Checkpoint[] = [];
  const wanted = [...CHECKPOINTS, ...EXTRA_CHECKPOINTS];
  const onDelivered = (name: string, payload: unknown) => {
    if (name !== 'jobs.progressed') return;
    const { job } = payload as JobProgress;
    const done = TERMINAL_EXECUTION_STATES.reduce((n, s) => n + job.counts[s], 0) / job.total;
    const now = Date.now();
    while (checkpoints.length < wanted.length && done >= wanted[checkpoints.length]!) {
      checkpoints.push({ done: wanted[checkpoints.length]!, at: now, predictedMs: shownLeft(job.eta, now) });
    }
  };
  const driver = new FakeDriver('shelly');
  const engine = FakeFleetEngine.create({ devices: FLEET.devices, delayMs: 0, driver, onDelivered });
  try {
    const fleet = scriptFleet(driver, engine.deviceIds);
    for (const id of fleet.deferred) {
      const key = endpointKey(engine.devices.endpoints(id)[0]!.endpoint);
      engine.devices.markEndpointOffline('mdns', 'http', key, 'goodbye', Date.now());
    }
    const back = setTimeout(() => seedDevices(engine.devices, FLEET.deferred), DEFERRED_BACK_MS);
    const started = Date.now();
    const run = await engine.runJob(FLEET.concurrency);
    clearTimeout(back);
    const ended = started + run.makespanMs;
    return { checkpoints, ended, run, fleet };
  } finally {
    await engine.close();
  }
}

/** Signed relative error of a prediction; a checkpoint that showed no time counts as 100 % off. */
const relativeError = (c: Checkpoint, ended: number) =>
  c.predictedMs === null ? 1 : (c.predictedMs - (ended - c.at)) / (ended - c.at);

export const eta: Benchmark = {
  name: 'eta',
  description:
    `ETA accuracy: ${FLEET.devices} fake devices at concurrency ${FLEET.concurrency}, mixed latency ` +
    `(${Math.round(FLEET.slow * 100)} % slow, ${Math.round(FLEET.rebootingLong * 100)} % rebooting long, ${FLEET.deferred} deferred), ` +
    `time left shown at ${CHECKPOINTS.map((p) => `${p * 100} %`).join(', ')} done vs the time it took`,
  async run() {
    const load = loadavg()[0]!;
    const { checkpoints, ended, run, fleet } = await measure();
    if (run.succeeded !== FLEET.devices) throw new Error(`eta: ${run.succeeded}/${FLEET.devices} succeeded`);
    const perCheckpoint: Record<string, number> = {};
    for (const c of checkpoints) {
      const tag = Math.round(c.done * 100);
      perCheckpoint[`eta_error_at_${tag}`] = round3(relativeError(c, ended));
      perCheckpoint[`predicted_s_at_${tag}`] = round3((c.predictedMs ?? Number.NaN) / 1000);
      perCheckpoint[`actual_s_at_${tag}`] = round3((ended - c.at) / 1000);
    }
    const judged = checkpoints.filter((c) => (CHECKPOINTS as readonly number[]).includes(c.done));
    if (judged.length !== CHECKPOINTS.length) throw new Error('eta: a checkpoint was never reached');
    const errors = judged.map((c) => Math.abs(relativeError(c, ended)));
    return {
      eta_error_p50: round3(median(errors)),
      eta_error_max: round3(Math.max(...errors)),
      ...perCheckpoint,
      makespan_s: round3(run.makespanMs / 1000),
      devices: FLEET.devices,
      concurrency: FLEET.concurrency,
      slow_devices: fleet.slow,
      rebooting_long_devices: fleet.long,
      deferred_devices: fleet.deferred.length,
      load_1m_at_start: round3(load),
    };
  },
};
