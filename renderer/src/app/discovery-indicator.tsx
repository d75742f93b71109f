import { useDiscovery } from '../stores/discovery-store';

/**
 * Each source in the header: "mdns 5" while it runs (devices found through it), its state in words otherwise,
 * kept short so the header fits two lines at 1024 px. The full sentence and the last error are the tooltip.
 */
export function DiscoveryIndicator() {
  const sources = useDiscovery((s) => s.status)?.sources ?? [];
  return (
    <span className="discovery" data-testid="discovery-status">
      {sources.map((s) => (
        <span
          key={s.kind}
          data-source={s.kind}
          data-source-state={s.state}
          title={`${s.kind}: ${s.state}, ${s.deviceCount} device(s)${s.lastError ? ` · ${s.lastError}` : ''}`}
        >
          {s.state === 'running' ? `${s.kind} ${s.deviceCount}` : `${s.kind}: ${s.state} (${s.deviceCount})`}
        </span>
      ))}
    </span>
  );
}
