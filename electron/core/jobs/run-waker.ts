import type { Clock } from '../ports';
import type { JournalWriter } from './journal-writer';

/**
 * When a job's scheduler runs next: at a time (schedule window, rate limit, retry back-off), on a regular
 * tick (offline devices, new group members), or just before this tick's group commit when devices' tasks
 * ended, so a burst of them is replaced in one pass whose "started" rows join that commit.
 */
export class RunWaker {
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private tick: NodeJS.Timeout | null = null;
  private wanted = false;
  private stopHook: (() => void) | null = null;

  constructor(
    private readonly deps: {
      journal: JournalWriter;
      clock: Clock;
      tickMs: number;
      /** The scheduling pass; must not throw. */
      pump: () => void;
      onTick: () => void;
    },
  ) {}

  start(): void {
    this.tick = setInterval(() => this.deps.onTick(), this.deps.tickMs);
    this.tick.unref();
    this.stopHook = this.deps.journal.onCommit(() => {
      if (!this.wanted) return;
      this.wanted = false;
      this.deps.pump();
    });
  }

  /** Runs the pass at `at` (or at an earlier time already asked for). */
  at(at: number): void {
    if (at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.deps.pump();
      },
      Math.max(0, at - this.deps.clock.now()),
    );
  }

  /** Runs the pass just before this tick's group commit. */
  beforeCommit(): void {
    this.wanted = true;
    this.deps.journal.wake();
  }

  /** Nothing wakes the run any more. */
  stop(): void {
    this.stopHook?.();
    this.stopHook = null;
    if (this.timer) clearTimeout(this.timer);
    if (this.tick) clearInterval(this.tick);
    this.timer = null;
    this.tick = null;
    this.timerAt = Number.POSITIVE_INFINITY;
  }
}
