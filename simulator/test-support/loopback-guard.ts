import os from 'node:os';

/**
 * mDNS tests multicast; they must only ever run inside a private network namespace where loopback is
 * the only interface. Throws (rather than skipping) so a misconfigured run is noticed.
 */
export function assertOnlyLoopbackInterfaces(): void {
  const addresses = Object.values(os.networkInterfaces()).flat();
  if (!addresses.every((address) => address?.internal)) {
    throw new Error(
      "Refusing to run mDNS tests with non-loopback interfaces present. Run inside a private network namespace: unshare -n bash -c 'ip link set lo up; ip link set lo multicast on; npx vitest run --project node simulator'",
    );
  }
}
