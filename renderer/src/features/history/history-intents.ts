import type { DeviceId } from '../../../../shared/domain/device';
import type { RetentionSettings } from '../../../../shared/domain/history';
import { invoke } from '../../api/client';
import {
  historyFiltersChanged,
  historyPageLoaded,
  historySearchFailed,
  historySearchStarted,
  historySnapshotOpened,
  historyStore,
  retentionLoaded,
  timelineChanged,
  usageLoaded,
  type HistoryFilters,
} from '../../stores/history-store';
import { isTerminalJob } from '../../../../shared/domain/job-rules';
import { jobsStore } from '../../stores/jobs-store';
import { viewChosen } from '../../stores/ui-store';
import { loadArtifact } from '../artifacts/artifact-intents';
import { errorMessage, reportError } from '../command-errors';
import { toQuery } from './history-query';

/** Hits fetched per page; the list asks for the next page when it nears the end of what it has. */
export const PAGE_SIZE = 200;
let loadingMore = false;

/** Opens the History screen: the search as it was (first page again), retention and the size on disk. */
export async function showHistory(): Promise<void> {
  viewChosen('history');
  await Promise.all([searchHistory(), loadRetention()]);
}

/** Searches with the filters changed by `change` (none: the current ones), from the first page. */
export async function searchHistory(change: Partial<HistoryFilters> = {}): Promise<void> {
  historyFiltersChanged(change);
  const searchId = historySearchStarted();
  try {
    const query = toQuery(historyStore.getState().filters, 0, PAGE_SIZE);
    historyPageLoaded(searchId, await invoke('history.search', query));
  } catch (error) {
    historySearchFailed(searchId, errorMessage(error));
  }
}

/** The next page of the current search, when there is one and none is on its way. */
export async function loadMoreHistory(): Promise<void> {
  const { results, searchId, filters } = historyStore.getState();
  if (loadingMore || results.state !== 'loaded' || results.hits.length >= results.total) return;
  loadingMore = true;
  try {
    const query = toQuery(filters, results.hits.length, PAGE_SIZE);
    historyPageLoaded(searchId, await invoke('history.search', query));
  } catch (error) {
    reportError(error);
  } finally {
    loadingMore = false;
  }
}

/** A device's runs, newest first (the drawer's "Run history"). */
export async function loadTimeline(deviceId: string, limit = 20): Promise<void> {
  timelineChanged(deviceId, { state: 'loading' });
  try {
    const page = await invoke('history.deviceTimeline', { deviceId: deviceId as DeviceId, limit });
    timelineChanged(deviceId, { state: 'loaded', page });
  } catch (error) {
    timelineChanged(deviceId, { state: 'failed', error: errorMessage(error) });
  }
}

export async function loadRetention(): Promise<void> {
  try {
    const [retention, usage] = await Promise.all([
      invoke('history.getRetention', {}),
      invoke('history.usage', {}),
    ]);
    retentionLoaded(retention);
    usageLoaded(usage);
  } catch (error) {
    reportError(error);
  }
}

/** Sizes on disk again (a run that ended may have stored a snapshot). */
export async function loadUsage(): Promise<void> {
  try {
    usageLoaded(await invoke('history.usage', {}));
  } catch (error) {
    reportError(error);
  }
}

/** Refreshes the sizes each time a job ends while History is shown; returns the unsubscribe. */
export function refreshUsageWhenJobsEnd(): () => void {
  return jobsStore.subscribe((now, before) => {
    const ended = Object.values(now.byId).some(
      (job) => isTerminalJob(job.state) && before.byId[job.id] && !isTerminalJob(before.byId[job.id]!.state),
    );
    if (ended) void loadUsage();
  });
}

/** Shows a snapshot in History's viewer (the drawer's viewer is left alone). */
export async function viewHistorySnapshot(id: string): Promise<void> {
  historySnapshotOpened(id);
  await loadArtifact(id);
}

export function closeHistorySnapshot(): void {
  historySnapshotOpened(null);
}

/** Saves retention and applies it at once; resolves true when main accepted it. */
export async function saveRetention(settings: RetentionSettings): Promise<boolean> {
  try {
    usageLoaded(await invoke('history.setRetention', settings));
    retentionLoaded(settings);
    await searchHistory();
    return true;
  } catch (error) {
    reportError(error);
    return false;
  }
}
