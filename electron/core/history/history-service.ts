import type { DeviceId } from '../../../shared/domain/device';
import type { HistoryPage, HistoryQuery, HistoryRun, TimelinePage } from '../../../shared/domain/history';
import type { JobDetail, JobId } from '../../../shared/domain/job';
import type { GroupId } from '../../../shared/domain/group';
import type { HistoryRepository } from '../storage/repositories/history-repository';
import type { HistoryIndexer } from './history-indexer';
import { searchTerms } from './search-terms';

/** Artifact files read before a search answers; the rest are read in the background (the answer says how many). */
const ARTIFACTS_BEFORE_SEARCH = 200;

/**
 * Searchable history of runs, device executions and artifacts (issue 11 part 1): search with filters and
 * paging, a device's timeline across runs, and a run with its artifacts. Reads only; RetentionService deletes.
 */
export class HistoryService {
  constructor(
    private readonly deps: {
      repo: HistoryRepository;
      indexer: HistoryIndexer;
      /** A saved group's members now (NOT_FOUND for an unknown group). */
      groupMembers: (id: GroupId) => readonly DeviceId[];
      /** `jobs.get`: a run this process runs is answered live. */
      job: (id: JobId) => JobDetail;
    },
  ) {}

  search(query: HistoryQuery): HistoryPage {
    const pendingArtifacts = this.deps.indexer.catchUp(ARTIFACTS_BEFORE_SEARCH);
    const { words, fts } = searchTerms(query.text);
    const { total, hits } = this.deps.repo.search(
      {
        terms: fts,
        deviceIds: this.devices(query),
        from: query.from ?? null,
        to: query.to ?? null,
        outcomes: query.outcomes,
      },
      query.offset,
      query.limit,
    );
    return { total, offset: query.offset, hits, terms: words, pendingArtifacts };
  }

  timeline(deviceId: DeviceId, offset: number, limit: number): TimelinePage {
    return { offset, ...this.deps.repo.timeline(deviceId, offset, limit) };
  }

  getRun(jobId: JobId): HistoryRun {
    return { detail: this.deps.job(jobId), artifacts: this.deps.repo.runArtifacts(jobId) };
  }

  /** Both a device and a group: the device, if it is a member (else nothing matches). */
  private devices(query: HistoryQuery): DeviceId[] | null {
    const members = query.groupId ? [...this.deps.groupMembers(query.groupId)] : null;
    if (!query.deviceId) return members;
    return !members || members.includes(query.deviceId) ? [query.deviceId] : [];
  }
}
