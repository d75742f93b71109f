import type { DeviceSnapshot } from './control/device-snapshot';
import { type ControlServer, startControlServer } from './control/control-server';
import { type FaultRule, parseFaultSpec } from './faults/fault-grammar';
import { type FaultCandidate, planFaults, planKey } from './faults/fault-plan';
import { type Fault, type FaultInput, normaliseFaults } from './faults/fault-types';
import { MdnsResponder } from './mdns/mdns-responder';
import { SILENT_ADVERTISER } from './mdns/mdns-types';
import { createShellyDevices, pinnedModel, startAll } from './shelly/shelly-fleet';
import { shellyIdentity } from './shelly/shelly-identity';
import type { ShellyFleetOptions, SimulatedShelly } from './shelly/shelly-types';
import { attachSerialConsoles, createTasmotaDevices } from './tasmota/tasmota-fleet';
import { tasmotaIdentity } from './tasmota/tasmota-identity';
import type { SimulatedTasmota, TasmotaFleetOptions } from './tasmota/tasmota-types';

export type SimulatedDevice = SimulatedShelly | SimulatedTasmota;

export interface SimulationOptions {
  /** One seed for identities, fault choices and random fault decisions. Default 1. */
  seed?: number;
  shelly?: Omit<ShellyFleetOptions, 'seed' | 'mdns'>;
  tasmota?: Omit<TasmotaFleetOptions, 'seed'>;
  /** mDNS responder for the Shelly devices (127.0.0.1 only). Default true. */
  mdns?: boolean;
  /** A `--faults` spec (faults/fault-grammar.ts) or parsed rules, applied on top of per-index faults. */
  faults?: string | readonly FaultRule[];
  /** Starts the HTTP control endpoint on 127.0.0.1 (0 = ephemeral port). Default: not started. */
  controlPort?: number;
}

/** A mixed fleet in one process, with one control surface for tests, the CLI and benchmarks. */
export interface Simulation {
  readonly shelly: readonly SimulatedShelly[];
  readonly tasmota: readonly SimulatedTasmota[];
  /** Every device, Shelly first. */
  readonly devices: readonly SimulatedDevice[];
  /** `http://127.0.0.1:<port>` of the control endpoint, when started. */
  readonly controlUrl: string | undefined;
  /** Directory of the Tasmota PTY links, if any. */
  readonly serialDir: string | undefined;
  /** A device by id (Shelly id, Tasmota default topic), MAC, or ref (`s3`, `t0`). */
  device(key: string): SimulatedDevice | undefined;
  /** Firmware, config, counters and faults of every device. */
  snapshot(): DeviceSnapshot[];
  /** mDNS goodbyes, LWT Offline, servers and PTYs closed, socat killed. Idempotent. */
  stop(): Promise<void>;
}

function merged(
  perIndex: Record<number, FaultInput> | undefined,
  planned: Map<string, Fault[]>,
  family: 'shelly' | 'tasmota',
  count: number,
): Record<number, Fault[]> {
  const out: Record<number, Fault[]> = {};
  for (let i = 0; i < count; i += 1) {
    const own = perIndex?.[i] === undefined ? [] : normaliseFaults(perIndex[i]);
    const extra = planned.get(planKey(family, i)) ?? [];
    if (own.length + extra.length > 0) out[i] = [...own, ...extra];
  }
  return out;
}

function plan(options: SimulationOptions, seed: number): Map<string, Fault[]> {
  const rules = typeof options.faults === 'string' ? parseFaultSpec(options.faults) : (options.faults ?? []);
  const candidates: FaultCandidate[] = [];
  for (let i = 0; i < (options.shelly?.count ?? 0); i += 1) {
    const identity = shellyIdentity(seed, i, pinnedModel(options.shelly?.models, i));
    candidates.push({ family: 'shelly', index: i, names: [identity.id, identity.mac] });
  }
  for (let i = 0; i < (options.tasmota?.count ?? 0); i += 1) {
    const identity = tasmotaIdentity(seed, i);
    candidates.push({ family: 'tasmota', index: i, names: [identity.topic, identity.mac] });
  }
  return planFaults(rules, candidates, seed);
}

export async function startSimulation(options: SimulationOptions): Promise<Simulation> {
  const seed = options.seed ?? 1;
  const planned = plan(options, seed);
  const onError = (error: Error): void => console.error(`[sim] ${error.message}`);
  const shellyCount = options.shelly?.count ?? 0;
  const responder = shellyCount > 0 && options.mdns !== false ? await MdnsResponder.start() : undefined;
  const shelly = createShellyDevices(
    {
      count: 0,
      ...options.shelly,
      seed,
      faults: merged(options.shelly?.faults, planned, 'shelly', shellyCount),
    },
    responder ?? SILENT_ADVERTISER,
    onError,
  );
  const tasmotaCount = options.tasmota?.count ?? 0;
  const tasmotaOptions = {
    count: 0,
    ...options.tasmota,
    seed,
    faults: merged(options.tasmota?.faults, planned, 'tasmota', tasmotaCount),
  };
  const tasmota = createTasmotaDevices(tasmotaOptions, onError);
  const devices: SimulatedDevice[] = [...shelly, ...tasmota];
  let control: ControlServer | undefined;
  let serial: Awaited<ReturnType<typeof attachSerialConsoles>> | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      try {
        await control?.stop();
        await responder?.stop();
        await Promise.allSettled([...shelly, ...tasmota].map((device) => device.stop()));
      } finally {
        // PTYs and socat go whatever happened above.
        await serial?.close();
      }
    })();
    return stopping;
  };
  const find = (key: string): SimulatedDevice | undefined => {
    const k = key.toLowerCase();
    return devices.find(
      (d) => d.id.toLowerCase() === k || d.mac.toLowerCase() === k || `${d.family[0]}${d.index}` === k,
    );
  };
  const simulation: Simulation = {
    shelly,
    tasmota,
    devices,
    get controlUrl() {
      return control?.url;
    },
    get serialDir() {
      return serial?.dir;
    },
    device: find,
    snapshot: () => devices.map((device) => device.snapshot()),
    stop,
  };
  try {
    serial = await attachSerialConsoles(tasmota, tasmotaOptions);
    await startAll([...shelly, ...tasmota]);
    if (options.controlPort !== undefined)
      control = await startControlServer(simulation, options.controlPort);
  } catch (error) {
    await stop();
    throw error;
  }
  return simulation;
}
