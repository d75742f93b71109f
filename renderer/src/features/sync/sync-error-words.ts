/**
 * The one place a sync target's raw failure becomes words a technician reads. Node names socket failures by
 * code (Node docs, errors.md "Common system errors": ECONNREFUSED, ENOTFOUND, ETIMEDOUT, ECONNRESET…; DNS
 * lookups fail with ENOTFOUND or EAI_AGAIN, dns.md "Error codes"); the raw text stays for the tooltip.
 */
const NETWORK_WORDS: readonly (readonly [RegExp, string])[] = [
  [/\bECONNREFUSED\b/, 'connection refused'],
  [/\b(ENOTFOUND|EAI_AGAIN|EAI_NONAME)\b/, 'name not found'],
  [/\b(ETIMEDOUT|ESOCKETTIMEDOUT)\b|^no acknowledgement from /, 'timed out'],
  [/\b(ECONNRESET|EPIPE|ECONNABORTED)\b/, 'connection dropped'],
  [/\b(EHOSTUNREACH|ENETUNREACH|ENETDOWN)\b/, 'network unreachable'],
];

/** Where the text names the far side: "from host:port for", "ECONNREFUSED host:port", "host:port: ECODE". */
const HOST_PATTERNS: readonly RegExp[] = [
  /^no acknowledgement from (\S+) for /,
  /^cannot reach (\S+?):? /,
  /\bE[A-Z_]+ (\S+)$/,
  /^(\S+?): E[A-Z_]+$/,
];

/** "cannot reach 127.0.0.1:1: connection refused" for a network failure; any other text as it is. */
export function syncErrorWords(raw: string): string {
  const words = NETWORK_WORDS.find(([pattern]) => pattern.test(raw))?.[1];
  if (words === undefined) return raw;
  const host = HOST_PATTERNS.map((pattern) => pattern.exec(raw)?.[1]).find((h) => h !== undefined);
  return `cannot reach ${host ?? 'the target'}: ${words}`;
}
