import { MdnsResponder } from '../mdns/mdns-responder';
import { SILENT_ADVERTISER, type ServiceAdvertiser } from '../mdns/mdns-types';
import { createShellyRouter } from './rpc/shelly-router';
import { ShellyDevice } from './shelly-device';
import { shellyIdentity } from './shelly-identity';
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

/**
 * Starts `count` simulated Shelly Gen2+ devices on 127.0.0.1, each with its own HTTP port, plus one mDNS
 * responder for all of them (unless `mdns: false`). Resolves once every device listens and has been
 * announced; if anything fails to start, everything started so far is stopped and the error rethrown.
 */
export async function startShellyFleet(options: ShellyFleetOptions): Promise<ShellyFleet> {
  validate(options);
  const {
    count,
    seed = 1,
    bootTimeMs = 2000,
    rebootDelayMs = 0,
    basePort = 0,
    mdns = true,
    faults = {},
  } = options;
  const onError = (error: Error): void => console.error(`[shelly-sim] ${error.message}`);
  const responder = mdns ? await MdnsResponder.start() : undefined;
  const advertiser: ServiceAdvertiser = responder ?? SILENT_ADVERTISER;
  const router = createShellyRouter();
  const devices = Array.from(
    { length: count },
    (_, index) =>
      new ShellyDevice({
        identity: shellyIdentity(seed, index),
        port: basePort === 0 ? 0 : basePort + index,
        bootTimeMs,
        rebootDelayMs,
        fault: faults[index] ?? null,
        router,
        advertiser,
        onError,
      }),
  );

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      // Goodbyes first, while the devices still listen, as a real fleet powering down would.
      await responder?.stop();
      await Promise.all(devices.map((device) => device.stop()));
    })();
    return stopping;
  };

  const started = await Promise.allSettled(devices.map((device) => device.start()));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure !== undefined) {
    await stop();
    throw failure.reason;
  }
  return { devices, stop };
}
