import { z } from 'zod';

/**
 * How long a running job still takes, as main estimates it (electron/core/jobs/eta-estimator.ts), and what
 * it waits for that no pace can predict. The renderer words it and counts down from `at`; it never guesses.
 */
export const JobEtaSchema = z.object({
  /** When main made the estimate (epoch ms). */
  at: z.number(),
  /**
   * Time until every device that can run now is done (and the waves after it that open by themselves), at the
   * pace seen so far; 0 when nothing is left but what it waits for; null before the first device finished.
   */
  workMs: z.number().nonnegative().nullable(),
  /** Devices parked offline that the run waits for, and the longest it may still wait (their deadline). */
  offline: z.object({ devices: z.number().int().positive(), upToMs: z.number().nonnegative() }).nullable(),
  /** Devices held by the technician: they wait for a release. */
  held: z.number().int().nonnegative(),
  /** What stops the run before everything is done: a gate that waits for a click, or a pause. */
  stopsAt: z.enum(['gate', 'pause']).nullable(),
  /** Devices working longer than any that finished (a long reboot): their share is a guess. */
  overdue: z.number().int().nonnegative(),
});
export type JobEta = z.infer<typeof JobEtaSchema>;
