/** Background promises of one object: errors go to `onError`, and `settled()` waits for all of them. */
export class TaskTracker {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly onError: (error: Error) => void) {}

  track(promise: Promise<unknown>): void {
    const tracked: Promise<unknown> = promise
      .catch((error: unknown) => this.onError(error instanceof Error ? error : new Error(String(error))))
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Resolves once nothing is pending, including tasks added while waiting. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
