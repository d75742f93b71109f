import type { DevicePlan } from '../../../../shared/domain/job';
import { skipWords } from '../job-runs/skip-words';
import { waveLabel } from '../job-runs/wave-label';

/** Rows rendered at most; the counts above the table cover every device. */
const MAX_ROWS = 500;

/** A skipped device gets no new version, so only what it runs is shown (never "1.6.0 → 1.6.0"). */
function versionChange(d: DevicePlan): string {
  return d.targetVersion === null || d.skip ? d.currentVersion : `${d.currentVersion} → ${d.targetVersion}`;
}

/** Per device: current → target version, the steps it would get, or why it is skipped. */
export function PlanDevicesTable({
  devices,
  hasCanary,
}: {
  devices: readonly DevicePlan[];
  hasCanary: boolean;
}) {
  return (
    <>
      <table className="grid" aria-label="Dry run devices">
        <thead>
          <tr>
            <th>Device</th>
            <th>Model</th>
            <th>Online</th>
            <th>Version</th>
            <th>Wave</th>
            <th>Steps, or why skipped</th>
          </tr>
        </thead>
        <tbody>
          {devices.slice(0, MAX_ROWS).map((d) => (
            <tr
              key={d.deviceId}
              data-plan-device={d.deviceId}
              data-skipped={d.skip ? d.skip.reason : undefined}
            >
              <td>{d.deviceName}</td>
              <td>
                {d.family} · {d.model}
              </td>
              <td className={d.online ? 'online' : 'offline'}>
                {d.online ? 'online' : d.deferred ? 'offline, waited for' : 'offline'}
              </td>
              <td className="mono">{versionChange(d)}</td>
              <td>{d.wave === null ? '—' : waveLabel(d.wave, hasCanary)}</td>
              <td>
                {d.skip ? (
                  <span className="offline">
                    {/* The planner's own sentence is the precise one; the reason's words only stand in for none. */}
                    skipped: {d.skip.message || skipWords(d.skip.reason)}
                  </span>
                ) : (
                  d.steps.join(' → ')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {devices.length > MAX_ROWS && (
        <p className="hint">
          The first {MAX_ROWS} of {devices.length} devices are listed.
        </p>
      )}
    </>
  );
}
