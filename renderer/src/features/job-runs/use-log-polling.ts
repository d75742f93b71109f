import { useEffect } from 'react';
import { pollJobLog } from './job-actions';

/** How often the open monitor asks for new log lines. */
export const LOG_POLL_MS = 2_000;

/**
 * Keeps the job's log fresh while its monitor is open: a poll at once, then every LOG_POLL_MS while the job
 * is active (the journal has no event of its own). A finished job is read once.
 */
export function useLogPolling(jobId: string, isActive: boolean): void {
  useEffect(() => {
    void pollJobLog(jobId);
    if (!isActive) return;
    const timer = setInterval(() => void pollJobLog(jobId), LOG_POLL_MS);
    return () => clearInterval(timer);
  }, [jobId, isActive]);
}
