import { parseDuration } from './format-duration';

/** How a duration is typed, said next to every duration field. */
export const DURATION_HINT = 'Type it with its unit: 90 s, 5 min, 1 h 30 min.';

/**
 * The message for a duration as typed, or undefined when it reads (or is empty: whether empty is allowed is
 * the schema's call). Shown in place of the schema's number message, which would ask for milliseconds.
 */
export function durationError(text: string): string | undefined {
  if (text.trim() === '' || parseDuration(text) !== null) return undefined;
  return /^\s*\d+([.,]\d+)?\s*$/.test(text)
    ? `Add a unit: ${text.trim()} s, ${text.trim()} min or ${text.trim()} h?`
    : `Not a duration. ${DURATION_HINT}`;
}
