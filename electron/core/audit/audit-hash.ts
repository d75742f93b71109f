import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../../shared/domain/audit';

/** The first entry's `prevHash`. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry before it is hashed. */
export type UnhashedEntry = Omit<AuditEntry, 'hash'>;

/**
 * JSON with object keys sorted at every depth, so the same entry always hashes the same whatever order its
 * details were built in. Values are what JSON.parse gives back (details are stored as JSON).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 (hex) over the canonical JSON of every field of the entry, `prevHash` included. */
export function hashEntry(entry: UnhashedEntry): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}
