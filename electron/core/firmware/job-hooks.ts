import type { JobId, JobState, JobSummary } from '../../../shared/domain/job';
import type { EventSink } from '../ports';
import { UNFINISHED_JOB_STATES } from '../../../shared/domain/job-rules';

/** States in which a job's steps may still run (a paused job resumes with its token; after a restart, a new one). */
const ACTIVE: ReadonlySet<JobState> = new Set(UNFINISHED_JOB_STATES);

/** Passes every event on, and revokes a job's firmware token as soon as the job stops running. */
export function revokeOnJobEnd(sink: EventSink, revoke: (jobId: JobId) => void): EventSink {
  return {
    emit(name, payload) {
      sink.emit(name, payload);
      if (name !== 'jobs.progressed') return;
      const { job } = payload as { job: JobSummary };
      if (!ACTIVE.has(job.state)) revoke(job.id);
    },
  };
}

/** Whether a job that is still running (or canceling) lists this image in a firmware step. */
export function isImageInUse(jobs: readonly JobSummary[], sha256: string): boolean {
  return jobs.some(
    (job) =>
      ACTIVE.has(job.state) &&
      job.steps.some((step) => step.action === 'firmware-update' && step.images.includes(sha256)),
  );
}
