import type { AuditEntry, AuditPage, AuditQuery } from '../../../shared/domain/audit';
import type { JobId } from '../../../shared/domain/job';
import type { AuditRepository } from '../storage/repositories/audit-repository';

/** What a report asks for: one job's entries, or a time window (a site visit). */
export interface AuditEntriesFilter {
  jobId?: JobId;
  /** ms epoch, inclusive */
  from?: number;
  /** ms epoch, exclusive */
  to?: number;
  /** Default: all that match. */
  limit?: number;
}

/** Reads the audit log for reports (oldest first) and for the audit view (newest first, in pages). */
export class AuditReader {
  constructor(private readonly repo: Pick<AuditRepository, 'find'>) {}

  entries(filter: AuditEntriesFilter = {}): AuditEntry[] {
    return this.repo.find({ ...filter, newestFirst: false });
  }

  page(query: AuditQuery): AuditPage {
    const limit = query.limit ?? 200;
    const rows = this.repo.find({
      ...query,
      text: query.text || undefined,
      operator: query.operator || undefined,
      limit: limit + 1,
      newestFirst: true,
    });
    const entries = rows.slice(0, limit);
    return { entries, nextBeforeSeq: rows.length > limit ? (entries.at(-1)?.seq ?? null) : null };
  }
}
