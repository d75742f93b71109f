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

  constructor(private readonly repo: JobRepository) {}

  write(change: JournalWrite): Promise<void> {
    this.pending.push(change);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return done;
  }

  /** Writes what is pending now (shutdown, tests). */
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
