/** `198.51.100.7` → its 32-bit number; null when it is not a dotted IPv4 address. */
function ipv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Whether `host` (an IPv4 address, or `host:port`) lies in `cidr` (`198.51.100.0/24` or one address). */
export function isInCidr(host: string, cidr: string): boolean {
  const address = ipv4(host.replace(/:\d+$/, ''));
  const [base, bitsText = '32'] = cidr.trim().split('/');
  const network = ipv4(base ?? '');
  const bits = Number(bitsText);
  if (address === null || network === null || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(address / size) === Math.floor(network / size);
}
