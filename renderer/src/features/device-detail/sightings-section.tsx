import type { DeviceSightingRecord } from '../../../../shared/domain/device';
import { formatDateTime } from '../../components/time-ago';

export function SightingsSection({ sightings }: { sightings: readonly DeviceSightingRecord[] | undefined }) {
  return (
    <section aria-labelledby="drawer-sightings">
      <h3 id="drawer-sightings">Sighting history</h3>
      {sightings === undefined ? (
        <p className="empty">Loading…</p>
      ) : sightings.length === 0 ? (
        <p className="empty">Nothing recorded yet.</p>
      ) : (
        <ol className="sightings" aria-label="Sighting history">
          {sightings.map((s, i) => (
            <li key={`${s.at}-${i}`} data-sighting-event={s.event}>
              <time>{formatDateTime(s.at)}</time> <span className="source-badge">{s.source}</span> {s.event}
              {s.detail ? `: ${s.detail}` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
