import type { StepResult } from '../device-driver';
import type { ShellySession } from './shelly-session';

/** What a Shelly snapshot holds, in the order it is read (§1.3, §1.4). */
const SNAPSHOT_CALLS = [
  ['deviceInfo', 'Shelly.GetDeviceInfo'],
  ['status', 'Shelly.GetStatus'],
  ['config', 'Shelly.GetConfig'],
  ['sysStatus', 'Sys.GetStatus'],
  ['methods', 'Shelly.ListMethods'],
] as const;

/**
 * Collect: device info, status, config, `Sys.GetStatus` and the method list, stored as one `shelly-snapshot`
 * artifact. Only device replies go in (never our credentials); the artifact store redacts secrets again.
 */
export async function collectSnapshot(session: ShellySession): Promise<StepResult> {
  const services = session.services;
  await session.sysStatus(); // the right device, and logged in
  const snapshot: Record<string, unknown> = {};
  for (const [key, method] of SNAPSHOT_CALLS) {
    session.progress(`reading ${method}`);
    snapshot[key] = await session.call(method);
  }
  const artifactId = await services.saveArtifact(session.target, 'shelly-snapshot', {
    collectedAt: session.clock.now(),
    ...snapshot,
  });
  const methods = (snapshot.methods as { methods?: unknown[] } | null)?.methods?.length ?? 0;
  return {
    summary: `collected device info, status, config, Sys.GetStatus and ${methods} method names`,
    artifactId,
  };
}
