import type { DeviceSummary, DiscoverySourceKind } from '../../../../shared/domain/device';
import { formatTime } from '../../components/time-ago';

export function SourceBadges({ sources }: { sources: readonly DiscoverySourceKind[] }) {
  return (
    <>
      {sources.map((source) => (
        <span key={source} className={`source-badge source-${source}`} data-source={source}>
          {source}
        </span>
      ))}
    </>
  );
}

/** Online state (the `data-online` attribute is what tests and the e2e page object look for) and last seen. */
export function OnlineState({ device }: { device: DeviceSummary }) {
  const reason = device.offlineReason ? ` (${device.offlineReason})` : '';
  return (
    <>
      <span className={device.online ? 'online' : 'offline'} data-online={String(device.online)}>
        {device.online ? 'online' : `offline${reason}`}
      </span>
      <span className="last-seen"> · {formatTime(device.lastSeenAt)}</span>
    </>
  );
}

export function TagChips({ tags }: { tags: readonly string[] }) {
  return (
    <>
      {tags.map((tag) => (
        <span key={tag} className="tag-chip">
          {tag}
        </span>
      ))}
    </>
  );
}
