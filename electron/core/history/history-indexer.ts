import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobEventSubscriber } from '../jobs/job-events';
import type { Logger } from '../ports';
import type {
  HistoryIndexRepository,
  PendingArtifact,
} from '../storage/repositories/history-index-repository';
import { artifactText } from './artifact-text';

/**
 * Journal lines indexed per background chunk: one short transaction (about 0.1 s on this machine), so job
 * commits and UI events are never held up for long. Before a search, larger chunks: a device's lines of one
 * run (started, succeeded) are then indexed once (a 20,000-device run: 1.5 s in chunks of 20,000 lines,
 * 3.6 s in chunks of 2,000; measured with a throwaway script, not committed).
 */
const LINES_PER_CHUNK = 1_000;
const LINES_PER_SEARCH_CHUNK = 20_000;
/** Artifact files read per chunk. */
const ARTIFACTS_PER_CHUNK = 20;
/** Files larger than this are indexed by kind and device only. */
const MAX_ARTIFACT_FILE = 1 << 20;
/**
 * Background indexing waits until no job has committed for this long, so it does not take the main process
 * from a running job (indexing alongside a 20,000-device run cut its steps/s by a fifth: B3 with records);
 * a search catches up anyway.
 */
const SETTLE_MS = 1_000;
/** While jobs keep committing, one chunk still runs after this long, so a day-long run is not all left to a search. */
const MAX_DEFER_MS = 30_000;

/**
 * Brings the search index up to date with the journal and the artifact files (migration 0013 says why this is
 * not done by trigger): in the background in small chunks after job commits, and fully before a search.
 */
export class HistoryIndexer implements JobEventSubscriber {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastCommitAt = -Infinity;
  private deferredSince: number | null = null;

  constructor(
    private readonly deps: { repo: HistoryIndexRepository; artifactsDir: string; logger: Logger },
  ) {}

  committed(): void {
    this.lastCommitAt = performance.now();
    this.schedule(SETTLE_MS);
  }

  /** Indexes every execution change so far and up to `maxArtifacts` artifact files; returns those left. */
  catchUp(maxArtifacts: number): number {
    while (!this.deps.repo.indexExecutions(LINES_PER_SEARCH_CHUNK).done);
    this.indexArtifacts(maxArtifacts);
    return this.deps.repo.pendingArtifactCount();
  }

  /** Starts background indexing (at start-up: what an earlier process left). */
  schedule(delayMs = 0): void {
    if (this.timer !== null || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.chunk();
    }, delayMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private chunk(): void {
    const now = performance.now();
    const quietFor = now - this.lastCommitAt;
    if (quietFor < SETTLE_MS && now - (this.deferredSince ??= now) < MAX_DEFER_MS) {
      this.schedule(SETTLE_MS - quietFor);
      return;
    }
    this.deferredSince = null;
    try {
      const executions = this.deps.repo.indexExecutions(LINES_PER_CHUNK);
      const artifacts = this.indexArtifacts(ARTIFACTS_PER_CHUNK);
      if (!executions.done || artifacts === ARTIFACTS_PER_CHUNK) this.schedule(0);
    } catch (error) {
      this.deps.logger.warn('history indexing failed', { error: String(error) });
    }
  }

  private indexArtifacts(max: number): number {
    const pending = this.deps.repo.pendingArtifacts(max);
    for (const artifact of pending) this.deps.repo.artifactTextRead(artifact, this.readText(artifact));
    return pending.length;
  }

  private readText(artifact: PendingArtifact): string {
    if (artifact.size > MAX_ARTIFACT_FILE) return '';
    try {
      return artifactText(readFileSync(join(this.deps.artifactsDir, artifact.file), 'utf8'));
    } catch (error) {
      this.deps.logger.warn('artifact not readable for search', { id: artifact.id, error: String(error) });
      return '';
    }
  }
}
