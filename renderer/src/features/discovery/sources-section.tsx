import { StateBadge } from '../../components/state-badge';
import { useDiscovery } from '../../stores/discovery-store';

/** Every discovery source: running / stopped / error, the devices online through it, its last error. */
export function SourcesSection() {
  const sources = useDiscovery((s) => s.status)?.sources ?? [];
  // MQTT devices only count once a device reports; the brokers it listens on show it is at work meanwhile.
  const connected = (useDiscovery((s) => s.status)?.brokers ?? []).filter(
    (b) => b.state === 'connected',
  ).length;
  return (
    <section className="discovery-section" aria-labelledby="sources-title">
      <h3 id="sources-title">Sources</h3>
      <table className="grid compact" aria-label="Discovery sources">
        <thead>
          <tr>
            <th>Source</th>
            <th>State</th>
            <th>Devices online</th>
            <th>Last error</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => (
            <tr key={source.kind} data-source={source.kind} data-source-state={source.state}>
              <td>{source.kind}</td>
              <td>
                <StateBadge state={source.state} />
              </td>
              <td>
                {source.deviceCount}
                {source.kind === 'mqtt' &&
                  ` · ${connected} ${connected === 1 ? 'broker' : 'brokers'} connected`}
              </td>
              <td className="error-text">{source.lastError ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
