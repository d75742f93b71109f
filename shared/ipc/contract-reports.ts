import { ReportExportRequestSchema, ReportFileSchema } from '../domain/report';

/** Handover report commands (issue 11 part 3), spread into `commands` in contract.ts. */
export const reportCommands = {
  /**
   * The handover report of one run or of a site visit (every run that started in [from, to)), as CSV, JSON
   * (schema v1, docs/report-schema.md) or PDF, base64-encoded. NOT_FOUND for an unknown job; INVALID_INPUT for
   * a bad scope (from ≥ to) or format. Replies are not held to MAX_FRAME_BYTES (a request-side cap).
   */
  'reports.export': { input: ReportExportRequestSchema, output: ReportFileSchema },
} as const;
