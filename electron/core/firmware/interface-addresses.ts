import type { NetworkInterfaceInfo } from 'node:os';
import { isInIpv4Network } from '../../../shared/util/ipv4';

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
    const match = candidates.find((c) => c.cidr !== null && isInIpv4Network(host, c.cidr));
    if (match) return match.address;
  }
  return candidates[0]?.address ?? null;
}
