import { setTimeout as sleep } from 'node:timers/promises';

/** The same budgets the Shelly driver uses for a verified reboot (shelly-driver.ts defaults). */
const POLL_INTERVAL_MS = 250;
const POLL_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 5_000;
const GIVE_UP_MS = 180_000;

interface SysStatus {
  mac: string;
  uptime: number;
}

let nextId = 1;

async function rpc<T>(base: string, method: string, timeoutMs = REQUEST_TIMEOUT_MS): Promise<T> {
  const res = await fetch(`${base}/rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: nextId++, src: 'script', method }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const frame = (await res.json()) as { result?: T; error?: { message: string } };
  if (frame.error) throw new Error(`${method}: ${frame.error.message}`);
  return frame.result as T;
}

/**
 * What the driver's reboot step does, by hand: read `Sys.GetStatus` (the same MAC?), `Shelly.Reboot`, then poll
 * `Sys.GetStatus` every 250 ms until the uptime proves a restart (the driver's rule, isRebootConfirmed).
 */
async function rebootVerified(base: string, mac: string): Promise<boolean> {
  const before = await rpc<SysStatus>(base, 'Sys.GetStatus');
  if (before.mac.toLowerCase() !== mac) return false;
  const readAt = Date.now();
  await rpc(base, 'Shelly.Reboot');
  while (Date.now() - readAt < GIVE_UP_MS) {
    await sleep(POLL_INTERVAL_MS);
    const sentAt = Date.now();
    const after = await rpc<SysStatus>(base, 'Sys.GetStatus', POLL_TIMEOUT_MS).catch(() => null);
    if (after && after.uptime + 1 < before.uptime + (sentAt - readAt) / 1000) return true;
  }
  return false;
}

/** p-limit by hand: `limit` workers take the next item until none is left. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The B2 baseline: a hand-written script (no journal, no scheduler, no events) that reboots every device with
 * the driver's verification, `concurrency` at a time over fetch. Returns its wall time and how many were verified.
 */
export async function rebootByScript(
  devices: readonly { url: string; mac: string }[],
  concurrency: number,
): Promise<{ ms: number; verified: number }> {
  let verified = 0;
  const started = performance.now();
  await forEachLimited(devices, concurrency, async (device) => {
    if (await rebootVerified(device.url, device.mac).catch(() => false)) verified += 1;
  });
  return { ms: performance.now() - started, verified };
}
