import type { StepResult } from '../device-driver';
import { DeviceError } from '../../device-error';
import { waitForReboot } from './shelly-reboot-wait';
import type { ShellySession } from './shelly-session';

/**
 * Factory reset (§1.5): `Shelly.FactoryReset`, then proof that it happened: the uptime restarted, the name
 * is gone and auth is off. (A real device also drops its Wi-Fi and comes back as an access point; the
 * simulator keeps it reachable, so this read-back is what can be verified on the LAN.)
 */
export async function factoryReset(session: ShellySession): Promise<StepResult> {
  const before = await session.sysStatus();
  const readAt = session.clock.now();
  await session.call('Shelly.FactoryReset');
  session.progress('resetting');
  const after = await waitForReboot(session, { before, readAt, what: 'factory reset' });
  const info = await session.info();
  const leftovers = [
    ...(info.name != null ? [`name is still ${JSON.stringify(info.name)}`] : []),
    ...(info.auth_en === true ? ['authentication is still on'] : []),
  ];
  if (leftovers.length > 0) {
    throw new DeviceError('not-verified', `the device restarted but was not reset: ${leftovers.join(', ')}`);
  }
  return { summary: `factory reset: uptime ${after.uptime} s, name cleared, authentication off` };
}
