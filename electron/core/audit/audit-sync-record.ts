import type { AuditEntry } from '../../../shared/domain/audit';
import type { NewSyncRecord } from '../sync/outbox';

/**
 * The sync record of one audit entry. Its id (`audit:<seq>:<first 8 of hash>`) is the same every time the
 * entry is sent, so the back office keeps one copy; the whole entry travels, hashes included, so the central
 * side can check the chain too.
 */
export function auditSyncRecord(entry: AuditEntry): NewSyncRecord {
  return {
    id: `audit:${entry.seq}:${entry.hash.slice(0, 8)}`,
    kind: 'audit.entry',
    at: entry.at,
    body: { schema: 1, ...entry },
  };
}
