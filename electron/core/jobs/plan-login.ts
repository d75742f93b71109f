import type { DeviceFamily } from '../../../shared/domain/device';

/**
 * Whether a device will ask for a login, as its stored identify payload says. Shelly reports `auth_en` in
 * the open `/shelly` reply the inventory keeps. Tasmota's status never says whether a web password is set
 * (and its steps go over MQTT first, which needs none), ESPHome has no actions: neither is judged here, and
 * their payload is not read.
 */
export function isLoginRequired(family: DeviceFamily, readRaw: () => unknown): boolean {
  if (family !== 'shelly') return false;
  const raw = readRaw();
  return typeof raw === 'object' && raw !== null && (raw as { auth_en?: unknown }).auth_en === true;
}
