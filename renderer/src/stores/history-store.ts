import { createStore, useStore } from 'zustand';
import type {
  HistoryHit,
  HistoryPage,
  HistoryUsage,
  RetentionSettings,
  TimelinePage,
} from '../../../shared/domain/history';
import type { ExecutionState } from '../../../shared/domain/job';

/** The search form as typed: dates are the `<input type="date">` values (yyyy-mm-dd, local days). */
export interface HistoryFilters {
  text: string;
  deviceId: string;
  groupId: string;
  fromDay: string;
  toDay: string;
  outcomes: ExecutionState[];
}

export const EMPTY_FILTERS: HistoryFilters = {
  text: '',
  deviceId: '',
  groupId: '',
  fromDay: '',
  toDay: '',
  outcomes: [],
};

export type ResultsState =
  | { state: 'idle' }
  | { state: 'loading'; hits: HistoryHit[] }
  | {
      state: 'loaded';
      hits: HistoryHit[];
      total: number;
      terms: string[];
      pendingArtifacts: number;
    }
  | { state: 'failed'; error: string };

export type TimelineState =
  { state: 'loading' } | { state: 'loaded'; page: TimelinePage } | { state: 'failed'; error: string };

export interface HistoryState {
  filters: HistoryFilters;
  results: ResultsState;
  /** Bumped by each new search: a page answered for an older search is dropped. */
  searchId: number;
  timelines: Record<string, TimelineState>;
  retention: RetentionSettings | null;
  usage: HistoryUsage | null;
  /** The snapshot shown in History's own viewer (not the drawer's): one at a time, closed by a new search. */
  snapshotId: string | null;
}

export const historyStore = createStore<HistoryState>()(() => ({
  filters: EMPTY_FILTERS,
  results: { state: 'idle' },
  searchId: 0,
  timelines: {},
  retention: null,
  usage: null,
  snapshotId: null,
}));

export function historyFiltersChanged(change: Partial<HistoryFilters>): void {
  historyStore.setState({ filters: { ...historyStore.getState().filters, ...change } });
}

/** A new search starts: earlier hits go, and answers of earlier searches are ignored from now on. */
export function historySearchStarted(): number {
  const searchId = historyStore.getState().searchId + 1;
  historyStore.setState({ searchId, results: { state: 'loading', hits: [] }, snapshotId: null });
  return searchId;
}

/** A page of the search `searchId` arrived; it is appended when it continues the hits shown. */
export function historyPageLoaded(searchId: number, page: HistoryPage): void {
  const s = historyStore.getState();
  if (s.searchId !== searchId) return;
  const before = s.results.state === 'loaded' || s.results.state === 'loading' ? s.results.hits : [];
  const hits = page.offset === 0 ? page.hits : [...before.slice(0, page.offset), ...page.hits];
  historyStore.setState({
    results: {
      state: 'loaded',
      hits,
      total: page.total,
      terms: page.terms,
      pendingArtifacts: page.pendingArtifacts,
    },
  });
}

export function historySearchFailed(searchId: number, error: string): void {
  if (historyStore.getState().searchId === searchId)
    historyStore.setState({ results: { state: 'failed', error } });
}

export function timelineChanged(deviceId: string, timeline: TimelineState): void {
  historyStore.setState({ timelines: { ...historyStore.getState().timelines, [deviceId]: timeline } });
}

export function retentionLoaded(retention: RetentionSettings): void {
  historyStore.setState({ retention });
}

export function usageLoaded(usage: HistoryUsage): void {
  historyStore.setState({ usage });
}

export function historySnapshotOpened(snapshotId: string | null): void {
  historyStore.setState({ snapshotId });
}

export function useHistory<T>(selector: (s: HistoryState) => T): T {
  return useStore(historyStore, selector);
}

export function useTimeline(deviceId: string): TimelineState | undefined {
  return useStore(historyStore, (s) => s.timelines[deviceId]);
}
