import { MAX_SEARCH_TERMS } from '../../../shared/domain/history';

/** What a search looks for: the user's words, and each as an FTS5 query string. */
export interface SearchTerms {
  /** The words searched for, as typed (at most MAX_SEARCH_TERMS; duplicates once). */
  words: string[];
  /** Each word as an FTS5 prefix phrase: `"word"*`. */
  fts: string[];
}

/** Holds a letter or a digit: anything else is no token to FTS5's unicode61 tokenizer and matches nothing. */
const HAS_TOKEN = /[\p{L}\p{N}]/u;

/**
 * Turns free text into FTS5 queries that cannot be FTS5 syntax: each whitespace-separated word becomes a
 * quoted string (double quotes doubled, sqlite.org/fts5.html §3.1 "FTS5 Strings") with a prefix `*` (§3.3),
 * so `NEAR(`, `"unterminated`, `-x` or `a OR` are searched for literally and never reach the query parser.
 * A word with punctuation inside (`shelly-plug`, `1.6.0`) is a phrase of its tokens, in order.
 */
export function searchTerms(text: string): SearchTerms {
  const words = [...new Set(text.split(/\s+/).filter((w) => HAS_TOKEN.test(w)))].slice(0, MAX_SEARCH_TERMS);
  return { words, fts: words.map((w) => `"${w.replaceAll('"', '""')}"*`) };
}
