import type { JobId, JobSpec } from '../../../shared/domain/job';
import { isUnfinishedJob } from '../../../shared/domain/job-rules';
import type { JobCommitted, JobEventSubscriber } from '../jobs/job-events';

/** A job as found at start-up: its spec (null when this version cannot read it). */
export interface UnfinishedJob {
  id: JobId;
  spec: JobSpec | null;
}

function imagesOf(spec: JobSpec | null): ReadonlySet<string> {
  const images = new Set<string>();
  for (const step of spec?.steps ?? []) {
    if (step.action === 'firmware-update') for (const sha256 of step.images) images.add(sha256);
  }
  return images;
}

/**
 * What the firmware server needs to know of jobs, from the job event stream: a job's download token is
 * revoked as soon as the job ends (a paused job keeps it; after a restart it gets a new one), and an image is
 * in use while a job that lists it has not ended, so it cannot be deleted from the library under a job.
 */
export class FirmwareJobHooks implements JobEventSubscriber {
  /** Images of each job that has not ended. */
  private readonly imagesByJob = new Map<JobId, ReadonlySet<string>>();

  /** `unfinished`: the jobs the store holds unfinished at start (before any of them runs). */
  constructor(
    private readonly revoke: (jobId: JobId) => void,
    unfinished: readonly UnfinishedJob[],
  ) {
    for (const job of unfinished) this.track(job.id, job.spec);
  }

  committed(events: readonly JobCommitted[]): void {
    for (const event of events) {
      if (event.created) this.track(event.jobId, event.created.spec);
      if (event.job && !isUnfinishedJob(event.job.to)) {
        this.imagesByJob.delete(event.jobId);
        this.revoke(event.jobId);
      }
    }
  }

  /** Whether a job that has not ended lists this image in a firmware step. */
  isImageInUse(sha256: string): boolean {
    for (const images of this.imagesByJob.values()) if (images.has(sha256)) return true;
    return false;
  }

  private track(jobId: JobId, spec: JobSpec | null): void {
    const images = imagesOf(spec);
    if (images.size > 0) this.imagesByJob.set(jobId, images);
  }
}
