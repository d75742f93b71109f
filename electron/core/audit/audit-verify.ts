import type { AuditEntry, AuditVerification } from '../../../shared/domain/audit';
import { GENESIS_HASH, hashEntry } from './audit-hash';

/**
 * Walks entries in seq order and names the first that does not hold: a seq skipped (`missing`: rows were
 * removed), or a `prevHash` that is not the previous entry's hash or a hash its own fields do not give
 * (`edited`: changed, or rows swapped). `highestIssued` (the seq the database
 * last handed out) catches the newest rows removed.
 */
export function verifyChain(
  entries: Iterable<AuditEntry>,
  highestIssued: number,
  checkedAt: number,
): AuditVerification {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  const broken = (firstBadSeq: number, problem: 'edited' | 'missing', message: string) =>
    ({ ok: false, entries: count, checkedAt, firstBadSeq, problem, message }) as const;
  for (const entry of entries) {
    if (entry.seq > expectedSeq)
      return broken(
        expectedSeq,
        'missing',
        `entry ${expectedSeq} was removed (the next one is ${entry.seq})`,
      );
    const { hash, ...fields } = entry;
    if (entry.prevHash !== prevHash || hashEntry(fields) !== hash)
      return broken(entry.seq, 'edited', `entry ${entry.seq} was edited or moved`);
    prevHash = hash;
    expectedSeq += 1;
    count += 1;
  }
  if (highestIssued >= expectedSeq)
    return broken(expectedSeq, 'missing', `entries ${expectedSeq} to ${highestIssued} were removed`);
  return { ok: true, entries: count, checkedAt };
}
