import { z } from 'zod';
import {
  HistoryPageSchema,
  HistoryQuerySchema,
  HistoryRunSchema,
  HistoryUsageSchema,
  RetentionSettingsSchema,
  TimelinePageSchema,
  TimelineQuerySchema,
} from '../domain/history';
import { JobIdSchema } from '../domain/job';

/** Searchable run history, device timelines and retention (spread into `commands` in contract.ts). */
export const historyCommands = {
  /**
   * Device executions of every run, newest first, matching all filters given: words (each searched for as
   * typed, never as search syntax), device, a saved group's members now, dates, outcomes. INVALID_INPUT in
   * plain words for reversed dates or text over 200 characters; NOT_FOUND for an unknown group.
   */
  'history.search': { input: HistoryQuerySchema, output: HistoryPageSchema },
  /** Every run of one device, newest first, with its step journal and artifacts. */
  'history.deviceTimeline': { input: TimelineQuerySchema, output: TimelinePageSchema },
  /** A run (as `jobs.get`) with its artifacts. NOT_FOUND for an unknown or deleted run. */
  'history.getRun': { input: z.object({ jobId: JobIdSchema }).strict(), output: HistoryRunSchema },
  'history.getRetention': { input: z.object({}).strict(), output: RetentionSettingsSchema },
  /** Saves and applies at once (old finished runs and artifacts beyond the cap are deleted); returns the usage. */
  'history.setRetention': { input: RetentionSettingsSchema, output: HistoryUsageSchema },
  /** Disk used by the database and artifact files, counts, and what the last retention pass removed. */
  'history.usage': { input: z.object({}).strict(), output: HistoryUsageSchema },
} as const;
