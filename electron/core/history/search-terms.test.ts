import { describe, expect, it } from 'vitest';
import { artifactText, MAX_ARTIFACT_TEXT } from './artifact-text';
import { searchTerms } from './search-terms';

describe('searchTerms', () => {
  it('quotes each word as an FTS5 prefix string, so no user text is query syntax', () => {
    expect(searchTerms('  Hall  "boiler NEAR( a OR -x ').fts).toEqual([
      '"Hall"*',
      '"""boiler"*',
      '"NEAR("*',
      '"a"*',
      '"OR"*',
      '"-x"*',
    ]);
  });

  it('drops words without a letter or digit and repeats, and keeps the first eight', () => {
    expect(searchTerms('* ( "" - hall hall').words).toEqual(['hall']);
    expect(searchTerms('a b c d e f g h i j').words).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(searchTerms('').fts).toEqual([]);
  });
});

describe('artifactText', () => {
  it('gives the keys and values of a JSON artifact, and other text as it is', () => {
    expect(artifactText('{"sys":{"fw_id":"x-1"},"log":["wifi up",3,true,null]}')).toBe(
      'sys fw_id x-1 log wifi up 3 true',
    );
    expect(artifactText('plain log line')).toBe('plain log line');
  });

  it('cuts long artifacts', () => {
    const text = artifactText(JSON.stringify({ log: Array.from({ length: 20_000 }, () => 'line of log') }));
    expect(text.length).toBeLessThanOrEqual(MAX_ARTIFACT_TEXT);
    expect(text.length).toBeGreaterThan(MAX_ARTIFACT_TEXT - 20);
  });
});
