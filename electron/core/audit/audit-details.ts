/**
 * What an audit entry keeps of a command's input and output: identifiers and counts, the names of the fields
 * sent, and (for settings) their plain values. Allow-listed by key, so a new field stays out until named
 * here; a key that looks like a secret never gets in, even when values are asked for.
 */
const IDENTIFYING_KEYS = new Set([
  'id',
  'ids',
  'jobId',
  'deviceId',
  'deviceIds',
  'groupId',
  'groupIds',
  'templateId',
  'credentialSetId',
  'undoId',
  'sha256',
  'uploadId',
  'name',
  'kind',
  'action',
  'version',
  'from',
  'to',
  'format',
  'fileName',
  'retryOf',
  'confirmDevices',
  'state',
  'currentWave',
  'forgotten',
  'restored',
  'removed',
  'deleted',
  'assigned',
  'duplicate',
]);

const SECRET_KEY = /pass|secret|token|key|pem|cert|auth/i;
const FIRST_FEW = 5;
const MAX_TEXT = 120;

export type AuditDetails = Record<string, unknown>;

/** Identifiers of `value` (an input or output object): scalars as they are, id lists as count + first few. */
export function identifiers(value: unknown, options: { values?: boolean } = {}): AuditDetails {
  if (!isObject(value)) return {};
  const out: AuditDetails = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEY.test(key)) continue;
    if (!IDENTIFYING_KEYS.has(key) && !options.values) continue;
    const safe = summarize(v);
    if (safe !== undefined) out[key] = safe;
  }
  return out;
}

/** The names of the fields sent (what a settings change touched); secrets show only as a name. */
export function fieldNames(value: unknown): string[] {
  return isObject(value) ? Object.keys(value).sort() : [];
}

/** A list of ids as its size and first few. */
export function idList(ids: readonly string[]): { count: number; first: string[] } {
  return { count: ids.length, first: ids.slice(0, FIRST_FEW) };
}

function summarize(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return idList(value.map(String));
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
