import {
  startSimulation,
  startTasmotaFleet,
  type FaultInput,
  type Simulation,
  type TasmotaFleet,
} from '../../simulator';
import { startMosquitto, type MosquittoBroker } from '../../simulator/test-support/mosquitto-broker';

/** What the demo site runs, for the summary it prints. */
export interface DemoSite {
  simulation: Simulation;
  /** Two Tasmota devices reachable only over their serial console (socat PTY pairs). */
  serialFleet: TasmotaFleet;
  /** The broker the Tasmota devices use; null when mosquitto is not installed. */
  broker: MosquittoBroker | null;
  /** Why there is no broker, in words, when there is none. */
  brokerHint: string | null;
  /** Faulty devices: `s2: answers HTTP 500`. */
  faults: string[];
  stop(): Promise<void>;
}

export interface DemoSiteOptions {
  shellyCount: number;
  tasmotaCount: number;
  seed: number;
}

// Faults a newcomer meets on a real site (simulator/faults/fault-types.ts), on fixed devices.
const SHELLY_FAULTS: Record<number, { fault: FaultInput; words: string }> = {
  2: { fault: { kind: 'http-500' }, words: 'answers HTTP 500 to everything (cannot be identified)' },
  4: { fault: { kind: 'slow', minMs: 800, maxMs: 2_500 }, words: 'answers slowly (0.8–2.5 s)' },
  6: { fault: { kind: 'long-reboot', bootMs: 45_000 }, words: 'takes 45 s to come back after a reboot' },
};
const TASMOTA_FAULTS: Record<number, { fault: FaultInput; words: string }> = {
  1: { fault: { kind: 'ota-download-error' }, words: 'its firmware download breaks off half way' },
  3: { fault: { kind: 'silent-rollback' }, words: 'boots back into the old firmware after an update' },
};

const faultsOf = (table: Record<number, { fault: FaultInput }>, count: number) =>
  Object.fromEntries(Object.entries(table).flatMap(([i, f]) => (Number(i) < count ? [[i, f.fault]] : [])));

/** Why there is no broker and how to get one, in words for the summary. */
export function noBrokerHint(error: unknown): string {
  const then = 'and run the demo again to get Tasmota devices over MQTT';
  if ((error as { code?: unknown } | null)?.code === 'ENOENT') {
    return `mosquitto is not installed: install it (Debian/Ubuntu: sudo apt-get install mosquitto; macOS: brew install mosquitto) ${then}`;
  }
  return `mosquitto did not start (${String(error)}): check that \`mosquitto -h\` runs ${then}`;
}

async function startBroker(): Promise<{ broker: MosquittoBroker | null; hint: string | null }> {
  try {
    return { broker: await startMosquitto(), hint: null };
  } catch (error) {
    return { broker: null, hint: noBrokerHint(error) };
  }
}

/**
 * Starts the simulated site on 127.0.0.1: Shelly devices announced by mDNS on loopback, Tasmota devices on a
 * mosquitto broker of their own (when installed), two more Tasmota devices on serial PTYs only, some with
 * faults. Whatever started is stopped again if a later part fails.
 */
export async function startDemoSite(options: DemoSiteOptions): Promise<DemoSite> {
  const { broker, hint } = await startBroker();
  const tasmotaCount = broker ? options.tasmotaCount : 0;
  let simulation: Simulation | undefined;
  try {
    simulation = await startSimulation({
      seed: options.seed,
      shelly: {
        count: options.shellyCount,
        bootTimeMs: 3_000,
        faults: faultsOf(SHELLY_FAULTS, options.shellyCount),
      },
      tasmota: {
        count: tasmotaCount,
        broker: broker?.url,
        bootTimeMs: 3_000,
        faults: faultsOf(TASMOTA_FAULTS, tasmotaCount),
      },
    });
    // Another seed, so the serial devices are not twins of the MQTT ones; no broker: serial (and HTTP) only.
    const serialFleet = await startTasmotaFleet({
      count: 2,
      seed: options.seed + 1,
      serialCount: 2,
      bootTimeMs: 3_000,
    });
    const sim = simulation;
    const faults = [
      ...Object.entries(SHELLY_FAULTS)
        .filter(([i]) => Number(i) < options.shellyCount)
        .map(([i, f]) => `Shelly ${sim.shelly[Number(i)]!.id}: ${f.words}`),
      ...Object.entries(TASMOTA_FAULTS)
        .filter(([i]) => Number(i) < tasmotaCount)
        .map(([i, f]) => `Tasmota ${sim.tasmota[Number(i)]!.topic}: ${f.words}`),
    ];
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await Promise.allSettled([sim.stop(), serialFleet.stop()]);
        await broker?.stop();
      })());
    return { simulation, serialFleet, broker, brokerHint: hint, faults, stop };
  } catch (error) {
    await simulation?.stop();
    await broker?.stop();
    throw error;
  }
}
