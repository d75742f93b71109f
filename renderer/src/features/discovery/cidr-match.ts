import { isInIpv4Network } from '../../../../shared/util/ipv4';

/** Whether `host` (an IPv4 address, or `host:port`) lies in `cidr` (`198.51.100.0/24` or one address). */
export function isInCidr(host: string, cidr: string): boolean {
  return isInIpv4Network(host.replace(/:\d+$/, ''), cidr);
}
