import type { ScanProgress } from '../../../../shared/domain/discovery';
import { StateBadge } from '../../components/state-badge';
import { useDiscovery } from '../../stores/discovery-store';
import { cancelScan } from './discovery-actions';
import { ScanResults } from './scan-results';

function ScanItem({ scan }: { scan: ScanProgress }) {
  const found = scan.found.length;
  return (
    <li data-scan-id={scan.scanId} data-scan-state={scan.state}>
      <span className="mono">{scan.cidr}</span> <StateBadge state={scan.state} />
      <progress max={Math.max(scan.total, 1)} value={scan.done} aria-label={`Scan of ${scan.cidr}`} />
      <span data-testid="scan-counts">
        {scan.done}/{scan.total} probed, {found} found
      </span>
      {scan.error && <span className="error-text"> {scan.error}</span>}
      {scan.state === 'running' && (
        <button type="button" onClick={() => void cancelScan(scan.scanId)}>
          Cancel scan
        </button>
      )}
      <ScanResults scan={scan} />
    </li>
  );
}

/** Range scans as main reports them (running and the last few finished), newest last. */
export function ScanProgressList() {
  const scans = useDiscovery((s) => s.status)?.scans ?? [];
  if (scans.length === 0) return null;
  return (
    <ul className="scan-list" aria-label="Range scans">
      {scans.map((scan) => (
        <ScanItem key={scan.scanId} scan={scan} />
      ))}
    </ul>
  );
}
