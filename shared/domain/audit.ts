import { z } from 'zod';
import { JobIdSchema } from './job';

/** Whether the audited command did what was asked (`failed`: refused or errored; only job commands record those). */
export const AuditOutcomeSchema = z.enum(['ok', 'failed']);
export type AuditOutcome = z.infer<typeof AuditOutcomeSchema>;

/** A sha256 in lower-case hex. The first entry's `prevHash` is 64 zeros. */
export const AuditHashSchema = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * One row of the append-only audit log. `hash` = sha256 over the canonical JSON (keys sorted) of every other
 * field with `prevHash`, so editing, removing or reordering a row breaks the chain from that row on.
 * `details` holds identifiers and the names of the fields changed; never passwords or other secrets.
 */
export const AuditEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    /** ms epoch */
    at: z.number().int().nonnegative(),
    /** Who was working (null: no name given yet this session). */
    operator: z.string().nullable(),
    /** The computer the command ran on. */
    host: z.string(),
    /** The command name, e.g. `jobs.pause`. */
    action: z.string(),
    /** What it acted on, in a few words (a job id, a device id, a template name), or null. */
    target: z.string().nullable(),
    /** The job the action belongs to, for per-run reports. */
    jobId: JobIdSchema.nullable(),
    outcome: AuditOutcomeSchema,
    details: z.record(z.string(), z.unknown()),
    prevHash: AuditHashSchema,
    hash: AuditHashSchema,
  })
  .strict();
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** What verifying the chain found: intact with its length, or the first entry that does not hold. */
export const AuditVerificationSchema = z.discriminatedUnion('ok', [
  z
    .object({
      ok: z.literal(true),
      entries: z.number().int(),
      checkedAt: z.number().int(),
      /**
       * How many entries the walk at `checkedAt` covered, when entries were chained on since without a new
       * walk (absent: the walk covered all `entries`).
       */
      walked: z.number().int().optional(),
    })
    .strict(),
  z
    .object({
      ok: z.literal(false),
      entries: z.number().int(),
      checkedAt: z.number().int(),
      /** The first entry found edited, moved or removed. */
      firstBadSeq: z.number().int(),
      problem: z.enum(['edited', 'missing']),
      message: z.string(),
    })
    .strict(),
]);
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;

/** Filters of the audit view: newest first, `beforeSeq` pages back. */
export const AuditQuerySchema = z
  .object({
    /** Exact command name, or a domain prefix ending in a dot (`jobs.`). */
    action: z.string().trim().min(1).max(80).optional(),
    jobId: JobIdSchema.optional(),
    /** ms epoch, inclusive */
    from: z.number().int().nonnegative().optional(),
    /** ms epoch, exclusive */
    to: z.number().int().nonnegative().optional(),
    /** Words found in the operator, action, target or details. */
    text: z.string().trim().max(120).optional(),
    /** Entries by this operator only (the name as given, any letter case). */
    operator: z.string().trim().max(80).optional(),
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(1_000).default(200),
  })
  .strict();
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export const AuditPageSchema = z
  .object({
    entries: z.array(AuditEntrySchema),
    /** Pass as `beforeSeq` for the next (older) page; null when this page is the last. */
    nextBeforeSeq: z.number().int().nullable(),
  })
  .strict();
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const OPERATOR_NAME_MAX = 80;

/** The operator's name: trimmed, 1–80 characters. */
export const OperatorNameSchema = z
  .string()
  .trim()
  .min(1, 'type your name')
  .max(OPERATOR_NAME_MAX, `a name has at most ${OPERATOR_NAME_MAX} characters`);

export const SessionInfoSchema = z
  .object({
    /** Who works in this session (null until someone says). */
    operator: z.string().nullable(),
    /** The last name given on this computer, to prefill the question. */
    lastOperator: z.string().nullable(),
    host: z.string(),
  })
  .strict();
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
