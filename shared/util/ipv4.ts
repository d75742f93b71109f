/** `198.51.100.7` → its 32-bit number; null when it is not a dotted IPv4 address. */
export function ipv4ToNumber(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Whether an IPv4 `address` lies in `cidr` (`a.b.c.d/n`, or one address meaning /32). */
export function isInIpv4Network(address: string, cidr: string): boolean {
  const [base, bitsText = '32'] = cidr.trim().split('/');
  const a = ipv4ToNumber(address);
  const b = ipv4ToNumber(base ?? '');
  const bits = Number(bitsText);
  if (a === null || b === null || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
}
