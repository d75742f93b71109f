import type { DeviceTarget, StepReadBack, StepServices } from '../drivers/device-driver';
import type { Clock, EventSink, Logger } from '../ports';
import type { DeviceLookup } from './device-lookup';
import type { Resolved } from './job-targets';

/** Budget of the identify call after a crash's re-verification; the step is verified already. */
const READ_BACK_BUDGET_MS = 5_000;

export interface ReadBackDeps {
  devices: Pick<DeviceLookup, 'recordReadBack'>;
  services: Pick<StepServices, 'credentialsFor'>;
  events: EventSink;
  clock: Clock;
  logger: Logger;
}

/**
 * After a verified step, writes what the device says about itself now (the identity its verification read,
 * `StepResult.readBack`) into the inventory, announcing the change, so smart groups, dry runs and templates
 * see the new version at once for devices of every source. A device that answered as another device changes
 * nothing: the step itself was verified, and discovery still has the last word.
 */
export function recordReadBack(
  deps: ReadBackDeps,
  target: DeviceTarget,
  readBack: StepReadBack | undefined,
): void {
  if (!readBack) return;
  if (readBack.id !== target.id) {
    deps.logger.warn('after a step the address answers as another device; inventory left as it was', {
      deviceId: target.id,
      answeredAs: readBack.id,
    });
    return;
  }
  const changed = deps.devices.recordReadBack(target.id, readBack, deps.clock.now());
  if (changed) deps.events.emit('devices.updated', { devices: [changed] });
}

/**
 * After a step in flight at a crash was found done: its check read the state, not the identity, so the
 * device is asked who it is now (its driver's identify at its best-known endpoint) and that is recorded.
 */
export async function identifyAfterCrash(
  deps: ReadBackDeps,
  { driver, target }: Resolved,
  signal: AbortSignal,
): Promise<void> {
  const endpoint = target.endpoints[0];
  if (!endpoint || signal.aborted) return;
  const controller = new AbortController();
  const stop = () => controller.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const timer = setTimeout(() => controller.abort(new Error('read-back timed out')), READ_BACK_BUDGET_MS);
  try {
    const credentials = await deps.services.credentialsFor(target);
    recordReadBack(deps, target, await driver.identify(endpoint, { signal: controller.signal, credentials }));
  } catch (error) {
    deps.logger.info('no read-back after a verified step', {
      deviceId: target.id,
      error: (error as Error).message,
    });
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}
