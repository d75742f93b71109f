import { DeviceFaults } from '../faults/device-faults';
import { normaliseFaults } from '../faults/fault-types';
import { MdnsResponder } from '../mdns/mdns-responder';
import { SILENT_ADVERTISER, type ServiceAdvertiser } from '../mdns/mdns-types';
import { hashInts, seededRandom } from '../util/seeded-random';
import { shellyHa1 } from './auth/digest';
import { DEFAULT_NONCE_RULES } from './auth/nonce-book';
import { type AuthStyle, ShellyAuth } from './auth/shelly-auth';
import { createShellyRouter } from './rpc/shelly-router';
import { ShellyDevice } from './shelly-device';
import { shellyIdentity } from './shelly-identity';
import { shellyModelByApp, type ShellyModel } from './shelly-models';
import type { ShellyFleet, ShellyFleetOptions } from './shelly-types';

const MAX_PORT = 65_535;

function validate(options: ShellyFleetOptions): void {
  const { count, basePort = 0, bootTimeMs = 0, rebootDelayMs = 0 } = options;
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (!Number.isInteger(basePort) || basePort < 0 || (basePort > 0 && basePort + count - 1 > MAX_PORT)) {
    throw new RangeError(`basePort ${basePort} cannot hold ${count} devices`);
  }
  if (!(bootTimeMs >= 0) || !(rebootDelayMs >= 0))
    throw new RangeError('bootTimeMs and rebootDelayMs must be >= 0');
}

/** The model `options.models` pins device `index` to, if any. */
export function pinnedModel(models: ShellyFleetOptions['models'], index: number): ShellyModel | undefined {
  const app = models?.[index];
  if (app === undefined) return undefined;
  const model = shellyModelByApp(app);
  if (model === undefined) throw new RangeError(`no simulated Shelly model with app ${app}`);
  return model;
}

function styleFor(options: ShellyFleetOptions, index: number): AuthStyle {
  const explicit = options.authStyles?.[index];
  if (explicit !== undefined) return explicit;
  const style = options.auth?.style ?? 'legacy';
  if (style === 'mixed') return index % 2 === 0 ? 'legacy' : 'fw2';
  return style;
}

/** Builds (does not start) the devices of a fleet; shared by startShellyFleet and the mixed simulation. */
export function createShellyDevices(
  options: ShellyFleetOptions,
  advertiser: ServiceAdvertiser,
  onError: (error: Error) => void,
): ShellyDevice[] {
  validate(options);
  const { count, seed = 1, bootTimeMs = 2000, rebootDelayMs = 0, basePort = 0, faults = {} } = options;
  const router = createShellyRouter();
  const rules = { ...DEFAULT_NONCE_RULES, ...options.nonceRules };
  return Array.from({ length: count }, (_, index) => {
    const identity = shellyIdentity(seed, index, pinnedModel(options.models, index));
    const initialFault = faults[index];
    return new ShellyDevice({
      identity,
      port: basePort === 0 ? 0 : basePort + index,
      bootTimeMs,
      rebootDelayMs,
      faults: new DeviceFaults(
        seededRandom(hashInts(seed, index, 0xfa)),
        initialFault === undefined ? [] : normaliseFaults(initialFault),
      ),
      auth: (state) => {
        if (options.auth !== undefined) state.ha1 = shellyHa1(identity.id, options.auth.password);
        return new ShellyAuth({
          realm: identity.id,
          style: styleFor(options, index),
          rules,
          random: seededRandom(hashInts(seed, index, 0xa7)),
          ha1: () => state.ha1,
          challenge: identity.model.quirks,
        });
      },
      router,
      advertiser,
      updates: options.updates?.(identity.model.model) ?? {},
      downloadTimeoutMs: options.downloadTimeoutMs ?? 60_000,
      onError,
    });
  });
}

/** Starts devices; if any fails, stops them all and rethrows. */
export async function startAll(
  devices: readonly { start(): Promise<void>; stop(): Promise<void> }[],
): Promise<void> {
  const started = await Promise.allSettled(devices.map((device) => device.start()));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure !== undefined) {
    await Promise.all(devices.map((device) => device.stop()));
    throw failure.reason;
  }
}

/**
 * Starts `count` simulated Shelly Gen2+ devices on 127.0.0.1, each with its own HTTP port, plus one mDNS
 * responder for all of them (unless `mdns: false`). Resolves once every device listens and has been
 * announced; if anything fails to start, everything started so far is stopped and the error rethrown.
 */
export async function startShellyFleet(options: ShellyFleetOptions): Promise<ShellyFleet> {
  validate(options);
  const onError = (error: Error): void => console.error(`[shelly-sim] ${error.message}`);
  const responder = options.mdns === false ? undefined : await MdnsResponder.start();
  const devices = createShellyDevices(options, responder ?? SILENT_ADVERTISER, onError);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      // Goodbyes first, while the devices still listen, as a real fleet powering down would.
      await responder?.stop();
      await Promise.all(devices.map((device) => device.stop()));
    })();
    return stopping;
  };
  try {
    await startAll(devices);
  } catch (error) {
    await stop();
    throw error;
  }
  return { devices, stop };
}
