/** Longest text of one artifact that goes into the search index: logs and snapshots beyond are cut. */
export const MAX_ARTIFACT_TEXT = 64 * 1024;

/**
 * The searchable words of an artifact file: for JSON (what ArtifactStore writes), its keys and values in
 * document order, one space apart; for anything else, the text as it is. Cut at MAX_ARTIFACT_TEXT.
 */
export function artifactText(raw: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return raw.slice(0, MAX_ARTIFACT_TEXT);
  }
  const parts: string[] = [];
  let length = 0;
  const visit = (value: unknown): void => {
    if (length >= MAX_ARTIFACT_TEXT) return;
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (!Array.isArray(value)) add(key);
        visit(child);
      }
    } else if (value !== null && value !== undefined) add(String(value));
  };
  const add = (word: string): void => {
    parts.push(word);
    length += word.length + 1;
  };
  visit(parsed);
  return parts.join(' ').slice(0, MAX_ARTIFACT_TEXT);
}
