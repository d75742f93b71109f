import type { NetworkInterfaceInfo } from 'node:os';

export class NetworkGuardError extends Error {
  override name = 'NetworkGuardError';
}

/**
 * In test mode mDNS may only run where loopback is the sole interface (a private network namespace), because
 * multicast to 224.0.0.251 would otherwise leave the machine. Throws naming the offending interfaces.
 */
export function assertOnlyLoopback(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): void {
  const offending = Object.entries(interfaces)
    .filter(([, addresses]) => (addresses ?? []).some((a) => !a.internal))
    .map(([name]) => name);
  if (offending.length > 0) {
    throw new NetworkGuardError(
      `refusing to start mDNS in test mode: non-loopback interfaces present (${offending.join(', ')}); ` +
        'run inside `unshare -n` (see scripts/netns.sh)',
    );
  }
}
