import { z } from 'zod';
import {
  AuditPageSchema,
  AuditQuerySchema,
  AuditVerificationSchema,
  OperatorNameSchema,
  SessionInfoSchema,
} from '../domain/audit';

/** The audit log and the session's operator (spread into `commands` in contract.ts). */
export const auditCommands = {
  /** Audit entries, newest first, filtered by action (name or `domain.` prefix), job, time and text; paged by `beforeSeq`. */
  'audit.list': { input: AuditQuerySchema, output: AuditPageSchema },
  /**
   * The hash chain's state: intact with its length, or the first entry edited, moved or removed. `again:
   * false` (default) answers what the walk at start-up (or the last one) found, counting the entries appended
   * since; `again: true` walks the whole chain now.
   */
  'audit.verify': {
    input: z.object({ again: z.boolean().default(false) }).strict(),
    output: AuditVerificationSchema,
  },
  /** Who works in this session (null until given), the last name given on this computer, and the host name. */
  'session.get': { input: z.object({}).strict(), output: SessionInfoSchema },
  /** Sets the session's operator (trimmed, 1–80 characters; INVALID_INPUT otherwise) and remembers it. */
  'session.setOperator': {
    input: z.object({ name: OperatorNameSchema }).strict(),
    output: SessionInfoSchema,
  },
} as const;
