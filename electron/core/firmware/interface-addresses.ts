import type { NetworkInterfaceInfo } from 'node:os';

/** `os.networkInterfaces`, injectable for tests. */
export type InterfaceLister = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

export interface Ipv4Address {
  interface: string;
  address: string;
  /** e.g. `198.51.100.20/24`; null when the OS does not say. */
  cidr: string | null;
  internal: boolean;
}

/** Every IPv4 address of this machine (optionally of one interface), non-internal ones first. */
export function ipv4Addresses(list: InterfaceLister, only?: string): Ipv4Address[] {
  const result: Ipv4Address[] = [];
  for (const [name, infos] of Object.entries(list())) {
    if (only !== undefined && name !== only) continue;
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4') continue;
      result.push({ interface: name, address: info.address, cidr: info.cidr, internal: info.internal });
    }
  }
  return result.sort((a, b) => Number(a.internal) - Number(b.internal));
}

/** Whether `address` belongs to this machine now: decided from the OS's list, without sending anything. */
export function isLocalAddress(list: InterfaceLister, address: string): boolean {
  return ipv4Addresses(list).some((a) => a.address === address);
}

function toInt(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Whether an IPv4 address lies in a `a.b.c.d/n` network. */
export function inSubnet(address: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const a = toInt(address);
  const b = base === undefined ? null : toInt(base);
  const n = Number(bits);
  if (a === null || b === null || !Number.isInteger(n) || n < 0 || n > 32) return false;
  const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  return (a & mask) >>> 0 === (b & mask) >>> 0;
}

/**
 * The address to put in a device's download URL: among the served interface's addresses (all, when none is
 * chosen), the one on the device's own subnet, so a laptop on Wi-Fi and Ethernet hands each device the
 * address it can reach; else the first non-internal one. Null when there is no IPv4 address at all.
 */
export function addressForDevice(
  list: InterfaceLister,
  interfaceName: string | null,
  deviceHosts: readonly string[],
): string | null {
  const candidates = ipv4Addresses(list, interfaceName ?? undefined);
  for (const host of deviceHosts) {
    const match = candidates.find((c) => c.cidr !== null && inSubnet(host, c.cidr));
    if (match) return match.address;
  }
  return candidates[0]?.address ?? null;
}
