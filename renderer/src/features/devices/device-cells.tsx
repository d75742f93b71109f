import { offlineWords } from '../../../../shared/domain/offline-words';
import type { DeviceSummary, DiscoverySourceKind } from '../../../../shared/domain/device';
import { formatTime } from '../../components/time-ago';
import { useDiscovery } from '../../stores/discovery-store';

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

/**
 * Online state (the `data-online` attribute is what tests and the e2e page object look for) and last seen. A
 * device that answers but with an error (HTTP 500) is online yet not identified: said here, the error on hover,
 * as the discovery view lists it and a job on it fails with it.
 */
export function OnlineState({ device }: { device: DeviceSummary }) {
  const problem = useDiscovery((s) => s.status?.unidentified?.find((u) => u.deviceId === device.id)?.reason);
  const onlineWords = problem ? 'online, not identified' : 'online';
  return (
    <>
      <span
        className={device.online ? 'online' : 'offline'}
        data-online={String(device.online)}
        title={problem}
      >
        {device.online ? onlineWords : device.offlineReason ? offlineWords(device.offlineReason) : 'offline'}
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
