import { MAX_SCAN_ADDRESSES } from '../../../../shared/domain/discovery';

export class CidrError extends Error {
  override name = 'CidrError';
}

function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/**
 * The host addresses of an IPv4 CIDR (`198.51.100.0/24`) or of a single address. For prefixes shorter than /31
 * the network and broadcast addresses are left out. Refuses more than MAX_SCAN_ADDRESSES addresses.
 */
export function expandCidr(cidr: string): string[] {
  const [addressText, prefixText = '32', ...rest] = cidr.trim().split('/');
  const address = parseIpv4(addressText ?? '');
  const prefix = Number(prefixText);
  if (address === null || rest.length > 0 || !/^\d{1,2}$/.test(prefixText) || prefix > 32) {
    throw new CidrError(`"${cidr}" is not an IPv4 address or CIDR range like 198.51.100.0/24`);
  }
  const size = 2 ** (32 - prefix);
  const hosts = size > 2 ? size - 2 : size;
  if (hosts > MAX_SCAN_ADDRESSES) {
    throw new CidrError(
      `${cidr} holds ${hosts} addresses; a scan covers at most ${MAX_SCAN_ADDRESSES} (a /20)`,
    );
  }
  const network = address - (address % size);
  const first = size > 2 ? network + 1 : network;
  return Array.from({ length: hosts }, (_, i) => formatIpv4(first + i));
}
