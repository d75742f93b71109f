import type { DeviceId } from '../../../shared/domain/device';
import { isTerminalExecution } from '../../../shared/domain/job-rules';
import type { JobCommitted, JobEventSubscriber } from '../jobs/job-events';
import type { VersionLedger } from './report-ports';

/**
 * Keeps, per run and device, the firmware the device ran when the run took it in and when its execution
 * ended, in the job commit's own transaction: the inventory only knows the version now, and the execution's
 * result is words. The driver writes a verified step's read-back into the inventory before the execution
 * turns green (device-runner.ts), so "after" is what the device itself reported.
 */
export class VersionRecorder implements JobEventSubscriber {
  constructor(private readonly ledger: VersionLedger) {}

  inTransaction(events: readonly JobCommitted[]): void {
    for (const e of events) {
      const takenIn: DeviceId[] = [];
      const endedAtOnce: DeviceId[] = [];
      const ended: DeviceId[] = [];
      for (const change of e.executions) {
        const isEnded = isTerminalExecution(change.after.state);
        if (change.before === null) {
          takenIn.push(change.after.deviceId);
          if (isEnded) endedAtOnce.push(change.after.deviceId);
        } else if (isEnded && change.before.state !== change.after.state) {
          ended.push(change.after.deviceId);
        }
      }
      if (takenIn.length > 0) this.ledger.takenIn(e.jobId, takenIn, endedAtOnce);
      if (ended.length > 0) this.ledger.ended(e.jobId, ended);
    }
  }
}
