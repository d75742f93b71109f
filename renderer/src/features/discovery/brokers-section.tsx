import { useState } from 'react';
import { brokerHost } from '../../../../shared/domain/broker-url';
import { ConfirmAction } from '../../components/confirm-action';
import { StateBadge } from '../../components/state-badge';
import { useDiscovery } from '../../stores/discovery-store';
import { BrokerForm } from './broker-form';
import { removeBroker } from './discovery-actions';
import { builtInBroker, isOwnAnnouncement, SiteBrokerRow } from './site-broker-row';
import { FullTopicPatterns } from './full-topic-patterns';

/** MQTT brokers as configured, joined with their live state from the discovery status. */
export function BrokersSection() {
  const brokers = useDiscovery((s) => s.settings)?.brokers ?? [];
  const states = useDiscovery((s) => s.status)?.brokers ?? [];
  const offered = useDiscovery((s) => s.status)?.offeredBrokers ?? [];
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const own = builtInBroker(states);
  const foreign = offered.filter((offer) => !isOwnAnnouncement(offer, own));
  const ownAnnounced = offered.length > foreign.length;
  return (
    <section className="discovery-section" aria-labelledby="brokers-title">
      <h3 id="brokers-title">MQTT brokers</h3>
      {brokers.length === 0 && !own && <p className="empty">No broker configured.</p>}
      <ul className="broker-list" aria-label="Brokers">
        {own && <SiteBrokerRow live={own} />}
        {brokers.map((broker) => {
          const live = states.find((s) => s.id === broker.id);
          const host = brokerHost(broker.url);
          return (
            <li key={broker.id} data-broker-id={broker.id}>
              {broker.name !== host && <strong>{broker.name}</strong>} <span className="mono">{host}</span>{' '}
              <StateBadge state={live?.state ?? (broker.enabled ? 'connecting' : 'disabled')} />{' '}
              {live ? `${live.deviceCount} devices` : ''}
              {broker.username ? ` · user ${broker.username}` : ''}
              {broker.hasPassword ? ' · password stored' : ''}
              {broker.caPem ? ' · custom CA' : ''}
              {live?.lastError && <span className="error-text"> · {live.lastError}</span>}
              <span className="row-actions">
                <button type="button" className="link" onClick={() => setEditing(broker.id)}>
                  Edit
                </button>
                <ConfirmAction
                  label="Remove"
                  ariaLabel={`Remove broker ${broker.name}`}
                  question={`Remove ${broker.name === host ? host : `${broker.name} (${host})`}?`}
                  confirmLabel="Remove broker"
                  onConfirm={() => void removeBroker(broker.id)}
                />
              </span>
              {editing === broker.id && <BrokerForm broker={broker} onDone={() => setEditing(null)} />}
            </li>
          );
        })}
      </ul>
      {(foreign.length > 0 || ownAnnounced) && (
        <p className="hint">
          Announced on this network:{' '}
          {[
            ...(ownAnnounced ? ["this app's built-in broker"] : []),
            ...foreign.map((b) => `${b.name} (${b.host}:${b.port})`),
          ].join(', ')}
        </p>
      )}
      {editing === 'new' ? (
        <BrokerForm onDone={() => setEditing(null)} />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          Add broker
        </button>
      )}
      <FullTopicPatterns />
    </section>
  );
}
