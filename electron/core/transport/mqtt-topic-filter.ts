/** MQTT topic filters (MQTT 3.1.1 §4.7): validation and matching, so one client can route to many handlers. */

/** Why `filter` is not a valid subscription filter, or null when it is. */
export function topicFilterProblem(filter: string): string | null {
  if (filter.length === 0) return 'is empty';
  if (filter.length > 65535) return 'is too long';
  if (filter.includes('\0')) return 'contains NUL';
  const levels = filter.split('/');
  for (const [i, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1))
      return 'uses # other than as the last level';
    if (level.includes('+') && level !== '+') return 'uses + inside a level';
  }
  return null;
}

/** True when a message published on `topic` is delivered to a subscription on `filter`. */
export function topicMatches(filter: string, topic: string): boolean {
  // Wildcards at the first level never match system topics such as `$SYS/...`.
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i += 1) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}
