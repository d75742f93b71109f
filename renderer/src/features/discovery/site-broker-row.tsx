import { brokerHost } from '../../../../shared/domain/broker-url';
import { EMBEDDED_BROKER_ID } from '../../../../shared/domain/broker';
import type { BrokerStatus, OfferedBroker } from '../../../../shared/domain/discovery';
import { StateBadge } from '../../components/state-badge';

/** The built-in broker among the live brokers, while discovery is connected to it (absent: not running). */
export const builtInBroker = (states: readonly BrokerStatus[]) =>
  states.find((s) => s.id === EMBEDDED_BROKER_ID);

/** True when an `_mqtt._tcp` announcement is the built-in broker's own (same address and port). */
export function isOwnAnnouncement(offer: OfferedBroker, own: BrokerStatus | undefined): boolean {
  return own !== undefined && brokerHost(own.url) === `${offer.host}:${offer.port}`;
}

/**
 * The built-in broker as a row of the MQTT brokers list: read-only (it is set up in the Site broker section
 * below), so a technician sees discovery is connected to it rather than "No broker configured".
 */
export function SiteBrokerRow({ live }: { live: BrokerStatus }) {
  return (
    <li data-broker-id={live.id} aria-label="Built-in site broker">
      <strong>Built-in site broker</strong> · <StateBadge state={live.state} /> ·{' '}
      <span className="mono">{brokerHost(live.url)}</span> · {live.deviceCount}{' '}
      {live.deviceCount === 1 ? 'device' : 'devices'}
      {live.lastError && <span className="error-text"> · {live.lastError}</span>}
    </li>
  );
}
