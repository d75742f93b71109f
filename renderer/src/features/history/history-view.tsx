import { useEffect } from 'react';
import { useHistory, type ResultsState } from '../../stores/history-store';
import { refreshUsageWhenJobsEnd } from './history-intents';
import { HistoryResults } from './history-results';
import { HistorySnapshotPanel } from './history-snapshot-panel';
import { RetentionPanel } from './retention-panel';
import { SearchForm } from './search-form';

function Summary({ results }: { results: Extract<ResultsState, { state: 'loaded' }> }) {
  return (
    <p className="history-summary" role="status" data-testid="history-summary">
      {results.total === 0
        ? 'Nothing in the history matches.'
        : `${results.total} device run${results.total === 1 ? '' : 's'} found, newest first.`}
      {results.pendingArtifacts > 0 && (
        <span className="muted">
          {' '}
          {results.pendingArtifacts === 1
            ? 'The text of 1 snapshot is still being indexed.'
            : `The text of ${results.pendingArtifacts} snapshots is still being indexed.`}
        </span>
      )}
    </p>
  );
}

/** The History screen: search past runs by words, device, group, dates and outcome; retention and size. */
export function HistoryView() {
  const results = useHistory((s) => s.results);
  useEffect(refreshUsageWhenJobsEnd, []);
  return (
    <div className="history-layout">
      <aside className="panel history-sidebar" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <SearchForm />
        <RetentionPanel />
      </aside>
      <section className="panel history-main" aria-label="History results">
        {results.state === 'idle' && <p className="empty">Search to see past runs.</p>}
        {results.state === 'loading' && <p className="empty">Searching…</p>}
        {results.state === 'failed' && <p className="error-text">Could not search: {results.error}</p>}
        {results.state === 'loaded' && (
          <>
            <Summary results={results} />
            {results.hits.length > 0 && <HistoryResults hits={results.hits} total={results.total} />}
          </>
        )}
      </section>
      <HistorySnapshotPanel />
    </div>
  );
}
