import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { HistoryHit } from '../../../../shared/domain/history';
import { StateBadge } from '../../components/state-badge';
import { formatDateTime } from '../../components/time-ago';
import { downloadArtifact } from '../artifacts/artifact-intents';
import { openDevice } from '../device-detail/device-actions';
import { observeRectLazily } from '../devices/observe-rect';
import { showJob } from '../job-runs/job-actions';
import { loadMoreHistory, viewHistorySnapshot } from './history-intents';
import { outcomeWords } from './hit-words';

const ROW_HEIGHT = 58;
/** Ask for the next page when this few loaded rows are left below the window. */
const PREFETCH_ROWS = 40;

function HitRow({ hit }: { hit: HistoryHit }) {
  const words = outcomeWords(hit);
  return (
    <div className="history-hit" role="listitem" data-job-id={hit.jobId} data-device-id={hit.deviceId}>
      <span className="history-when">{formatDateTime(hit.at)}</span>
      <span className="history-what">
        <button type="button" className="link" onClick={() => void showJob(hit.jobId)} title="Open the run">
          {hit.jobName}
        </button>
        {' · '}
        <button
          type="button"
          className="link"
          onClick={() => void openDevice(hit.deviceId)}
          title="Open the device"
        >
          {hit.deviceName}
        </button>
        {words && <span className="history-words muted">{words}</span>}
      </span>
      <StateBadge state={hit.state} />
      <span className="row-actions">
        {hit.artifactId && (
          <>
            <button type="button" className="link" onClick={() => void viewHistorySnapshot(hit.artifactId!)}>
              View snapshot
            </button>
            <button type="button" className="link" onClick={() => void downloadArtifact(hit.artifactId!)}>
              Download
            </button>
          </>
        )}
      </span>
    </div>
  );
}

/** The hits, newest first, virtualised: only the rows in view are in the page, more pages load on scroll. */
export function HistoryResults({ hits, total }: { hits: HistoryHit[]; total: number }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // No React Compiler in this build, and the virtualizer instance never leaves this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: hits.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => `${hits[i]?.jobId}/${hits[i]?.deviceId}`,
    overscan: 10,
    initialRect: { width: 900, height: 600 },
    observeElementRect: observeRectLazily,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.length > 0 ? items[items.length - 1]!.index : 0;
  useEffect(() => {
    if (hits.length < total && last >= hits.length - PREFETCH_ROWS) void loadMoreHistory();
  }, [last, hits.length, total]);
  return (
    <div ref={scrollRef} className="history-scroll" data-testid="history-results" tabIndex={-1}>
      <div
        role="list"
        aria-label="History results"
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {items.map((item) => (
          <div
            key={item.key}
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              right: 0,
              height: ROW_HEIGHT,
              transform: `translateY(${item.start}px)`,
            }}
          >
            <HitRow hit={hits[item.index]!} />
          </div>
        ))}
      </div>
    </div>
  );
}
