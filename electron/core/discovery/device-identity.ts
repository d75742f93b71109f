import type { DeviceId } from '../../../shared/domain/device';

/** `A8:03:2A:B1:23:45`, `a8032ab12345`, `A8-03-2A-…` → `a8032ab12345`; anything else → null. */
export function normalizeMac(raw: string): string | null {
  const hex = raw.replace(/[:\-.\s]/g, '').toLowerCase();
  return /^[0-9a-f]{12}$/.test(hex) ? hex : null;
}

/** Devices are keyed by their MAC, which survives DHCP changes, renames and firmware updates. */
export function deviceIdFromMac(mac: string): DeviceId {
  const normalized = normalizeMac(mac);
  if (!normalized) throw new Error(`not a MAC address: ${JSON.stringify(mac)}`);
  return `mac:${normalized}` as DeviceId;
}
