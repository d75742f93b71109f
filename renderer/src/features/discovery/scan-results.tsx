import { deviceLabel, type UnidentifiedDevice } from '../../../../shared/domain/device';
import type { ScanProgress } from '../../../../shared/domain/discovery';
import { useDevice } from '../../stores/devices-store';
import { useDiscovery } from '../../stores/discovery-store';
import { drawerOpened } from '../../stores/ui-store';
import { isInCidr } from './cidr-match';

function FoundDevice({ id }: { id: string }) {
  const device = useDevice(id);
  return (
    <li>
      <button type="button" className="link" onClick={() => drawerOpened(id)}>
        {device ? deviceLabel(device) : id}
      </button>
      {device && ` · ${device.product ?? device.model}`}
      {device?.address && <span className="mono"> · {device.address}</span>}
    </li>
  );
}

/** What a scan found, what answered without saying who it is, and how many probes met silence. */
export function ScanResults({ scan }: { scan: ScanProgress }) {
  const unidentified = useDiscovery((s) => s.status)?.unidentified ?? [];
  const answeredOnly = unidentified.filter(
    (u: UnidentifiedDevice) => u.source === 'manual' && isInCidr(u.address, scan.cidr),
  );
  const silent = Math.max(0, scan.done - scan.found.length - answeredOnly.length);
  const isOver = scan.state !== 'running';
  return (
    <div className="scan-results">
      {scan.found.length > 0 && (
        <ul aria-label={`Found by the scan of ${scan.cidr}`}>
          {scan.found.map((id) => (
            <FoundDevice key={id} id={id} />
          ))}
        </ul>
      )}
      {answeredOnly.length > 0 && (
        <ul aria-label={`Answered but not identified in ${scan.cidr}`}>
          {answeredOnly.map((u) => (
            <li key={u.address}>
              <span className="mono">{u.address}</span> answered but is not identified: {u.reason}
            </li>
          ))}
        </ul>
      )}
      {isOver && (
        <p className="hint" data-testid="scan-summary">
          {scan.found.length} found
          {answeredOnly.length > 0 && `, ${answeredOnly.length} answered but not identified`}, {silent} of{' '}
          {scan.total} address/port {scan.total === 1 ? 'pair' : 'pairs'} did not answer
          {scan.state === 'canceled' && ` (canceled after ${scan.done} of ${scan.total})`}.
        </p>
      )}
    </div>
  );
}
