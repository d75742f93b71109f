import { useDiscovery } from '../stores/discovery-store';

/** Each source's state in the header, with its last error as a tooltip. */
export function DiscoveryIndicator() {
  const sources = useDiscovery((s) => s.status)?.sources ?? [];
  return (
    <span className="discovery" data-testid="discovery-status">
      {sources.map((s) => (
        <span key={s.kind} data-source={s.kind} data-source-state={s.state} title={s.lastError ?? undefined}>
          {s.kind}: {s.state} ({s.deviceCount})
        </span>
      ))}
    </span>
  );
}
