import type { EmbeddedBrokerStatus } from '../../../../shared/domain/broker';
import type { NetworkInterface } from '../../../../shared/domain/settings';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Every IPv4 address of every interface, as the picker offers them (`eth0 · 192.168.1.10`). */
export function interfaceChoices(
  interfaces: readonly NetworkInterface[],
): { address: string; label: string; internal: boolean }[] {
  return interfaces.flatMap((nic) =>
    nic.addresses
      .filter((address) => IPV4.test(address))
      .map((address) => ({
        address,
        internal: nic.internal,
        label: `${nic.name} · ${address}${nic.internal ? ' (this computer only)' : ''}`,
      })),
  );
}

const devices = (n: number) => (n === 1 ? '1 device connected' : `${n} devices connected`);

/**
 * What the state badge beside it does not say, e.g. "on 192.168.1.10:1883 · 3 devices connected · announced
 * as _mqtt._tcp"; nothing for a stopped or starting broker, whose badge says it all ("stopped Stopped" read
 * as a stutter).
 */
export function brokerStatusLine(status: EmbeddedBrokerStatus): string {
  switch (status.state) {
    case 'running':
      return [
        `on ${status.interfaceAddress}:${status.port}`,
        devices(status.deviceCount),
        status.announced ? 'announced as _mqtt._tcp' : 'not announced on the network',
      ].join(' · ');
    case 'error':
      return `not running: ${status.lastError ?? 'it could not start'}`;
    case 'starting':
    case 'stopped':
      return '';
  }
}
