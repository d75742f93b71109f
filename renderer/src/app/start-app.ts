import { startBridge } from '../api/bridge';
import { loadSession, verifyAudit } from '../features/audit/audit-intents';
import { showJob } from '../features/job-runs/job-actions';
import { JobNotifier } from '../features/job-runs/job-notifications';

/**
 * Connects this window to Fieldbatch with the app's own hooks: desktop notifications for runs that finish or
 * wait for the technician (asked for once the app is ready), each opening its run in the monitor when clicked.
 * Resolves with the disposer of the bridge's subscriptions.
 */
export function startApp(): Promise<() => void> {
  const notifier = new JobNotifier(
    typeof Notification === 'undefined' ? undefined : Notification,
    (jobId) => void showJob(jobId),
  );
  return startBridge({
    jobs: notifier,
    onReady: () => {
      notifier.askPermission();
      // Who is working: the question opens when main has no operator for this session.
      void loadSession();
      // A broken audit chain is shown in the header from the start, whatever view is open.
      void verifyAudit(false);
    },
  });
}
