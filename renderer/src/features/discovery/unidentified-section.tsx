import { deviceLabel, type UnidentifiedDevice } from '../../../../shared/domain/device';
import { formatTime } from '../../components/time-ago';
import { useDiscovery } from '../../stores/discovery-store';
import { useDevice } from '../../stores/devices-store';

const SOURCE_WORDS: Record<UnidentifiedDevice['source'], string> = {
  mdns: 'announced on mDNS',
  mqtt: 'seen on MQTT',
  serial: 'on a serial port',
  manual: 'added by address',
};

function KnownAs({ id }: { id: string }) {
  const device = useDevice(id);
  return <>{device ? deviceLabel(device) : id}</>;
}

/**
 * Devices that answered but could not be identified, with the error they gave, so none vanishes: a device
 * answering HTTP 500 is listed here (and stays in the inventory if it was known) instead of nowhere.
 */
export function UnidentifiedSection() {
  const unidentified = useDiscovery((s) => s.status)?.unidentified ?? [];
  if (unidentified.length === 0) return null;
  return (
    <section className="discovery-section" aria-labelledby="unidentified-title">
      <h3 id="unidentified-title">Not identified ({unidentified.length})</h3>
      <p className="hint">
        These answered but could not say who they are. A job on such a device fails with the same reason;
        Fieldbatch asks again and takes it off this list once it answers properly.
      </p>
      <table className="grid compact" aria-label="Devices not identified">
        <thead>
          <tr>
            <th>Address</th>
            <th>Found</th>
            <th>Device</th>
            <th>Why not identified</th>
            <th>Last tried</th>
          </tr>
        </thead>
        <tbody>
          {unidentified.map((u) => (
            <tr key={`${u.source}|${u.address}`} data-unidentified-address={u.address}>
              <td className="mono">{u.address}</td>
              <td>{SOURCE_WORDS[u.source]}</td>
              <td>{u.deviceId ? <KnownAs id={u.deviceId} /> : (u.announcedAs ?? 'unknown')}</td>
              <td className="error-text">{u.reason}</td>
              <td>{formatTime(u.lastFailedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
