import { hostname } from 'node:os';
import type { AuditEntry, AuditOutcome, AuditVerification } from '../../../shared/domain/audit';
import type { JobId } from '../../../shared/domain/job';
import type { Clock, Logger } from '../ports';
import type { AuditRepository } from '../storage/repositories/audit-repository';
import type { Outbox } from '../sync/outbox';
import { GENESIS_HASH, hashEntry } from './audit-hash';
import { auditSyncRecord } from './audit-sync-record';
import { verifyChain } from './audit-verify';

/** What a caller records; the log adds seq, time, operator, host and the hashes. */
export interface AuditRecord {
  action: string;
  target: string | null;
  jobId?: JobId | null;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
}

export interface AuditLogOptions {
  repo: AuditRepository;
  clock: Clock;
  logger: Logger;
  /** The name of whoever works now (null: not given yet). */
  operator: () => string | null;
  /** Default: os.hostname(). */
  host?: string;
  /**
   * Where each entry's sync record goes, written in the entry's own transaction (both commit or neither).
   * Absent: entries are not synced.
   */
  outbox?: Outbox;
  /** Called after an entry (and its sync record) committed: the sync worker's wake-up. */
  committed?: () => void;
  /**
   * Up to this many entries the chain is walked again when asked after entries were added (a walk costs
   * about 60 ms per 1,000 entries, so 0.6 s at most); a longer log keeps its last walk. Default 10,000.
   */
  rewalkLimit?: number;
}

/**
 * The append-only, hash-chained audit log: append() links each entry to the one before; verify() walks the
 * chain and keeps what it found for `audit.verify` and the UI.
 */
export class AuditLog {
  private readonly host: string;
  private lastVerification: AuditVerification | null = null;

  constructor(private readonly options: AuditLogOptions) {
    this.host = options.host ?? hostname();
  }

  append(record: AuditRecord): AuditEntry {
    const entry = this.write(record);
    // An entry linked to the head keeps an intact chain intact (and a broken one broken): no walk needed.
    const last = this.lastVerification;
    if (last?.ok)
      this.lastVerification = { ...last, entries: last.entries + 1, walked: last.walked ?? last.entries };
    this.options.committed?.();
    return entry;
  }

  private write(record: AuditRecord): AuditEntry {
    const { repo, clock } = this.options;
    return repo.transaction(() => {
      const head = repo.head();
      const unhashed = {
        seq: Math.max(head?.seq ?? 0, repo.highestIssuedSeq()) + 1,
        at: clock.now(),
        operator: this.options.operator(),
        host: this.host,
        action: record.action,
        target: record.target,
        jobId: record.jobId ?? null,
        outcome: record.outcome,
        details: record.details,
        prevHash: head?.hash ?? GENESIS_HASH,
      };
      const entry: AuditEntry = { ...unhashed, hash: hashEntry(unhashed) };
      repo.insert(entry);
      this.options.outbox?.enqueue([auditSyncRecord(entry)]);
      return entry;
    });
  }

  /** Walks the whole chain now; logs a broken one as an error. */
  verify(): AuditVerification {
    const { repo, clock, logger } = this.options;
    const result = verifyChain(repo.all(), repo.highestIssuedSeq(), clock.now());
    this.lastVerification = result;
    if (result.ok) logger.info('audit log verified', { entries: result.entries });
    else logger.error('audit log chain broken', { ...result });
    return result;
  }

  /**
   * What the last verify() found, with the entries appended since (verifies now when it never ran). Walking
   * costs about 60 ms per 1,000 entries: a log up to `rewalkLimit` entries is walked again whenever entries
   * were added since, so the time shown is the time of a full check; a longer one keeps the last walk, and
   * `walked` says how many entries it covered.
   */
  verification(): AuditVerification {
    const last = this.lastVerification;
    if (
      !last ||
      (last.ok && last.walked !== undefined && last.entries <= (this.options.rewalkLimit ?? 10_000))
    )
      return this.verify();
    return last;
  }
}
