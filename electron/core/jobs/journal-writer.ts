import type { JobEventStream } from './job-events';
import type { JobStore, JournalWrite } from './job-store';

/**
 * Group commit: changes asked for in the same tick are written in one transaction, and each caller's promise
 * resolves only once its change is on disk. A caller that awaits before acting never acts ahead of the journal,
 * and a thousand devices moving at once cost one fsync, not a thousand. Each commit is published on the job
 * event stream: its events inside the transaction, then once it is on disk (see `JobEventStream.publish`).
 */
export class JournalWriter {
  private pending: JournalWrite[] = [];
  private batch: Deferred | null = null;
  private scheduled = false;
  private readonly beforeCommit = new Set<() => void>();

  constructor(
    private readonly store: Pick<JobStore, 'commit'>,
    private readonly stream: Pick<JobEventStream, 'publish'>,
  ) {}

  /** Resolves once `change` is on disk; every change of one group commit gets the same promise. */
  write(change: JournalWrite): Promise<void> {
    this.pending.push(change);
    this.batch ??= deferred();
    this.wake();
    return this.batch.promise;
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
    const writes = this.pending;
    const batch = this.batch;
    this.pending = [];
    this.batch = null;
    try {
      this.stream.publish(writes, (inTransaction) => this.store.commit(writes, inTransaction));
    } catch (error) {
      batch?.reject(error);
      return;
    }
    batch?.resolve();
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
