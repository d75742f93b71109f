import { z } from 'zod';

/** How the engine behaves across runs of the app. */
export const JobSettingsSchema = z.object({
  /** After a crash: resume unfinished jobs at start ("auto"), or leave them paused for a click ("ask"). */
  resumeAfterCrash: z.enum(['auto', 'ask']),
});
export type JobSettings = z.infer<typeof JobSettingsSchema>;

export const JobSettingsUpdateSchema = JobSettingsSchema.partial().strict();
export type JobSettingsUpdate = z.infer<typeof JobSettingsUpdateSchema>;
