import type { DeviceCredentials, StepResult } from '../device-driver';
import { DeviceError } from '../../device-error';
import { SHELLY_USER, shellyHa1 } from './shelly-digest';
import type { ShellySession } from './shelly-session';

/**
 * Set password (§1.5, §1.6): `Shelly.SetAuth {user: 'admin', realm: <device id>, ha1}` with the password of
 * a credential set, or `ha1: null` to turn auth off. Verified by `auth_en` in `/shelly` and by a call that
 * only works with the new state: authenticated with the new password, or (auth off) without any.
 */
export async function setPassword(
  session: ShellySession,
  credentialSetId: string | null,
): Promise<StepResult> {
  const next = credentialSetId === null ? null : await credentialSet(session, credentialSetId);
  const info = await session.info();
  await session.sysStatus(); // logged in with the current password (or auth is off)
  const realm = info.id;
  await session.call('Shelly.SetAuth', {
    user: SHELLY_USER,
    realm,
    ha1: next === null ? null : shellyHa1(realm, next.password),
  });
  session.progress('verifying');
  const after = await session.info();
  const isOn = after.auth_en === true;
  if (isOn !== (next !== null)) {
    throw new DeviceError(
      'not-verified',
      `authentication is ${isOn ? 'still on' : 'off'} after Shelly.SetAuth`,
    );
  }
  // A full login from a fresh challenge, as the next step (with the new credential set) will do.
  session.rpc.forgetNonces(session.endpoint);
  try {
    await session.rpc.call(session.endpoint, 'Sys.GetStatus', undefined, {
      signal: session.signal,
      credentials: next === null ? undefined : () => Promise.resolve(next),
    });
  } catch (error) {
    if (!(error instanceof DeviceError) || error.reason !== 'device-error') throw error;
    throw new DeviceError(
      'not-verified',
      next === null
        ? `authentication reads as off, but an unauthenticated call failed: ${error.message}`
        : `the device does not accept the new password: ${error.message}`,
    );
  }
  await session.services.rememberCredentials(session.target, credentialSetId);
  return {
    summary:
      next === null
        ? 'authentication off; an unauthenticated call succeeded'
        : `password set from credential set ${credentialSetId}; authentication on, a call with the new password succeeded`,
  };
}

async function credentialSet(session: ShellySession, id: string): Promise<DeviceCredentials> {
  const set = await session.services.credentialSet(id);
  if (!set)
    throw new DeviceError('internal', `credential set ${id} does not exist; the device was not touched`);
  if (set.password === '') throw new DeviceError('unsupported', `credential set ${id} has an empty password`);
  return set;
}
