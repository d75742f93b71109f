import type { JobSummary } from '../../../../shared/domain/job';

/** A desktop notification about one run. */
export interface JobNotice {
  jobId: string;
  title: string;
  body: string;
}

/** The part of the web `Notification` API used here (the Electron shell allows it). */
export interface NotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): { onclick: ((event: Event) => void) | null };
}

const outcome = (job: JobSummary) => {
  const { succeeded, failed } = job.counts;
  const timedOut = job.counts['timed-out'];
  return `${succeeded}/${job.total} succeeded${failed > 0 ? `, ${failed} failed` : ''}${timedOut > 0 ? `, ${timedOut} timed out` : ''}.`;
};

/**
 * What a change of a run deserves a notification for: it finished, was canceled, or paused where only the
 * technician can move it on (abort threshold, wave gate, a decision). Only transitions count: the same state
 * reported again says nothing new. Pauses the technician made, or a crash resumed at start-up, do not notify.
 */
export function jobNotice(previous: JobSummary | undefined, next: JobSummary): JobNotice | null {
  if (previous && previous.state === next.state && previous.pauseReason === next.pauseReason) return null;
  const notice = (title: string, body: string) => ({ jobId: next.id, title: `${title}: ${next.name}`, body });
  switch (next.state) {
    case 'completed':
      return notice('Job finished', outcome(next));
    case 'canceled':
      return notice('Job canceled', outcome(next));
    case 'paused':
      if (next.pauseReason === 'abort-threshold') {
        return notice('Job paused, too many failures', next.pauseMessage ?? outcome(next));
      }
      if (next.pauseReason === 'wave-gate') {
        return notice('Next wave waits for you', next.pauseMessage ?? 'Open the next wave when ready.');
      }
      if (next.pauseReason === 'needs-decision') {
        return notice('Job needs a decision', next.pauseMessage ?? 'Open it in Fieldbatch.');
      }
      return null;
    default:
      return null;
  }
}

/** Desktop notifications through the web API, or nothing where the page has none. */
export class JobNotifier {
  private hasAsked = false;

  constructor(
    private readonly api: NotificationApi | undefined,
    /** Opens the run when its notification is clicked. */
    private readonly onOpen: (jobId: string) => void,
  ) {}

  /** Asks for permission the first time only, and only if the technician has not answered before. */
  askPermission(): void {
    if (!this.api || this.hasAsked || this.api.permission !== 'default') return;
    this.hasAsked = true;
    this.api.requestPermission().catch(() => {});
  }

  /** Shows a notification for the change from `previous` to `next`, when it deserves one and is allowed. */
  jobChanged(previous: JobSummary | undefined, next: JobSummary): void {
    const notice = jobNotice(previous, next);
    if (!notice || this.api?.permission !== 'granted') return;
    const shown = new this.api(notice.title, { body: notice.body, tag: notice.jobId });
    shown.onclick = () => {
      window.focus();
      this.onOpen(notice.jobId);
    };
  }
}
