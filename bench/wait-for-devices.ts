import { setTimeout as sleep } from 'node:timers/promises';
import type { DeviceSummary } from '../shared/domain/device';
import type { Invoke } from './typed-invoke';

const SHOWN = 5;

/**
 * Polls `devices.list` until at least `count` devices are online; throws after `timeoutMs`, naming the devices
 * still offline and why the app thinks so.
 */
export async function waitForOnline(
  invoke: Invoke,
  count: number,
  timeoutMs = 60_000,
): Promise<DeviceSummary[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const devices = await invoke('devices.list', {});
    const online = devices.filter((d) => d.online);
    if (online.length >= count) return online;
    if (Date.now() > deadline) {
      const offline = devices
        .filter((d) => !d.online)
        .slice(0, SHOWN)
        .map(
          (d) =>
            `${d.id} at ${d.address} (${d.offlineReason}, last seen ${Date.now() - d.lastSeenAt} ms ago)`,
        );
      throw new Error(
        `only ${online.length}/${count} devices online after ${timeoutMs} ms: ${offline.join('; ')}`,
      );
    }
    await sleep(100);
  }
}
