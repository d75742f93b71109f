import type { StepResult } from '../device-driver';
import type { SysStatus } from './shelly-protocol';
import { waitForReboot } from './shelly-reboot-wait';
import type { ShellySession } from './shelly-session';

/** `Shelly.Reboot`, then wait until the uptime proves the same device restarted. */
export async function rebootVerified(
  session: ShellySession,
): Promise<{ before: SysStatus; after: SysStatus }> {
  const before = await session.sysStatus();
  const readAt = session.clock.now();
  await session.call('Shelly.Reboot');
  session.progress('rebooting');
  const after = await waitForReboot(session, { before, readAt, what: 'reboot' });
  return { before, after };
}

export async function reboot(session: ShellySession): Promise<StepResult> {
  const { before, after } = await rebootVerified(session);
  return { summary: `rebooted: uptime ${after.uptime} s (was ${before.uptime} s)` };
}
