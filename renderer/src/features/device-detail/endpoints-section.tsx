import { offlineWords } from '../../../../shared/domain/offline-words';
import type { DeviceEndpointState } from '../../../../shared/domain/device';
import { formatDateTime } from '../../components/time-ago';

export function EndpointsSection({ endpoints }: { endpoints: readonly DeviceEndpointState[] | undefined }) {
  return (
    <section aria-labelledby="drawer-endpoints">
      <h3 id="drawer-endpoints">Endpoints</h3>
      {endpoints === undefined ? (
        <p className="empty">Loading…</p>
      ) : endpoints.length === 0 ? (
        <p className="empty">No address known yet.</p>
      ) : (
        <table className="grid compact" aria-label="Endpoints">
          <thead>
            <tr>
              <th>Source</th>
              <th>Address</th>
              <th>State</th>
              <th>Last seen</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((e) => (
              <tr key={`${e.source}/${e.endpoint.transport}`} data-endpoint-source={e.source}>
                <td>
                  {e.source} <span className="muted">({e.endpoint.transport})</span>
                </td>
                <td className="mono">{e.label}</td>
                <td className={e.online ? 'online' : 'offline'}>
                  {e.online ? 'online' : e.offlineReason ? offlineWords(e.offlineReason) : 'offline'}
                </td>
                <td>{formatDateTime(e.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
