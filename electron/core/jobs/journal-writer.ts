import type { JobRepository, JournalWrite } from '../storage/repositories/job-repository';

/**
 * Group commit: changes asked for in the same tick are written in one transaction, and each caller's promise
 * resolves only once its change is on disk. A caller that awaits before acting never acts ahead of the journal,
 * and a thousand devices moving at once cost one fsync, not a thousand.
 */
export class JournalWriter {
  private pending: JournalWrite[] = [];
  private waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;
  private readonly beforeCommit = new Set<() => void>();

  constructor(private readonly repo: Pick<JobRepository, 'commit'>) {}

  write(change: JournalWrite): Promise<void> {
    this.pending.push(change);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.wake();
    return done;
  }

  /**
   * Runs `hook` at the start of every scheduled group commit, so what it writes joins that commit. Returns
   * the unsubscribe. Hooks must not throw.
   */
  onCommit(hook: () => void): () => void {
    this.beforeCommit.add(hook);
    return () => this.beforeCommit.delete(hook);
  }

  /** Makes sure a group commit (and its hooks) runs this tick, even when nothing is pending. */
  wake(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      for (const hook of this.beforeCommit) hook();
      this.flush();
    });
  }

  /** Writes what is pending now (reads that must agree with the live state, shutdown, tests). */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    try {
      this.repo.commit(batch);
    } catch (error) {
      for (const w of waiters) w.reject(error);
      return;
    }
    for (const w of waiters) w.resolve();
  }
}
