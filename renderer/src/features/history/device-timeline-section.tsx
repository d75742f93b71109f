import { useEffect } from 'react';
import type { TimelineEntry } from '../../../../shared/domain/history';
import { StateBadge } from '../../components/state-badge';
import { formatDateTime } from '../../components/time-ago';
import { useTimeline } from '../../stores/history-store';
import { downloadArtifact, openArtifact } from '../artifacts/artifact-intents';
import { showJob } from '../job-runs/job-actions';
import { logSentences } from '../job-runs/log-sentences';
import { loadTimeline } from './history-intents';
import { outcomeWords } from './hit-words';

function Entry({ entry, deviceName }: { entry: TimelineEntry; deviceName: string }) {
  const { hit } = entry;
  const words = outcomeWords(hit);
  const steps = logSentences(entry.steps, {
    steps: entry.actions.map((action) => ({ action })),
    nameOf: () => deviceName,
  });
  return (
    <li className="timeline-entry" data-job-id={hit.jobId}>
      <div>
        <StateBadge state={hit.state} /> {formatDateTime(hit.at)}{' '}
        <button type="button" className="link" onClick={() => void showJob(hit.jobId)}>
          {hit.jobName}
        </button>
      </div>
      {words && <p className="muted">{words}</p>}
      {steps.length > 0 && (
        <details>
          <summary>Steps ({steps.length} lines)</summary>
          <ol className="timeline-steps">
            {steps.map((s) => (
              <li key={s.seq} title={s.details}>
                {formatDateTime(s.at)} {s.text}
              </li>
            ))}
          </ol>
        </details>
      )}
      {entry.artifacts.map((a) => (
        <div key={a.id} className="timeline-artifact" data-artifact-id={a.id}>
          Snapshot <span className="muted">{a.kind}</span>
          <span className="row-actions">
            <button type="button" className="link" onClick={() => void openArtifact(a.id)}>
              View
            </button>
            <button type="button" className="link" onClick={() => void downloadArtifact(a.id)}>
              Download
            </button>
          </span>
        </div>
      ))}
    </li>
  );
}

/** Every run this device took part in, newest first (the drawer's section). */
export function DeviceTimelineSection({ deviceId, deviceName }: { deviceId: string; deviceName: string }) {
  const timeline = useTimeline(deviceId);
  useEffect(() => {
    void loadTimeline(deviceId);
  }, [deviceId]);
  return (
    <section aria-labelledby="drawer-timeline">
      <h3 id="drawer-timeline">Run history</h3>
      {(timeline === undefined || timeline.state === 'loading') && <p className="empty">Loading…</p>}
      {timeline?.state === 'failed' && <p className="error-text">Could not load: {timeline.error}</p>}
      {timeline?.state === 'loaded' &&
        (timeline.page.total === 0 ? (
          <p className="empty">No run has included this device yet.</p>
        ) : (
          <>
            <ol className="timeline" aria-label="Device run history">
              {timeline.page.entries.map((entry) => (
                <Entry key={entry.hit.jobId} entry={entry} deviceName={deviceName} />
              ))}
            </ol>
            {timeline.page.total > timeline.page.entries.length && (
              <button
                type="button"
                className="link"
                onClick={() => void loadTimeline(deviceId, timeline.page.entries.length + 20)}
              >
                Show older runs ({timeline.page.total - timeline.page.entries.length} more)
              </button>
            )}
          </>
        ))}
    </section>
  );
}
