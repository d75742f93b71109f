import type { ExecutionSummary, JobPolicy } from '../../../shared/domain/job';
import type { DeviceLookup } from './device-lookup';
import type { RunBooks } from './run-books';

/**
 * Devices a job found offline: skipped, or waiting for them to come back (the policy's `offline.mode`), and
 * given up once they have been away for the whole deadline.
 */
export class OfflineDeferral {
  constructor(
    private readonly deps: {
      books: RunBooks;
      policy: JobPolicy;
      devices: Pick<DeviceLookup, 'jobTarget'>;
      /** When this process took the job over. */
      activeSince: number;
    },
  ) {}

  /** `why` is the inventory's reason in words, so the job row and the inventory say the same. */
  park(exec: ExecutionSummary, at: number, why: string): void {
    const { books, policy } = this.deps;
    if (policy.offline.mode === 'skip') {
      books.apply(exec, { type: 'skipped', at, reason: 'offline', message: why }, 'skipped');
    } else books.apply(exec, { type: 'went-offline', at, message: why }, 'went-offline');
  }

  /** Waiting devices that are back are queued again; those away for the whole deadline are given up. */
  review(now: number): void {
    const { books, devices, policy, activeSince } = this.deps;
    const { deadlineMs } = policy.offline;
    for (const exec of books.ledger.values()) {
      if (exec.state !== 'waiting-offline') continue;
      // A device waits from when it went away, but never from before this process took the job over: after
      // a long crash, devices not rediscovered yet must not be given up at once.
      const waitingSince = Math.max(exec.updatedAt, activeSince);
      if (devices.jobTarget(exec.deviceId)?.online) {
        books.apply(exec, { type: 'came-online', at: now }, 'came-online');
      } else if (now >= waitingSince + deadlineMs) {
        const minutes = Math.round(deadlineMs / 60_000);
        books.apply(
          exec,
          { type: 'not-reached', at: now, message: `offline for the whole deadline (${minutes} min)` },
          'not-reached',
        );
      }
    }
  }
}
