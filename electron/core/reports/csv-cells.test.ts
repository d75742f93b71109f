import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../test-support/reports/parse-csv';
import { csvField, csvLines } from './csv-cells';

describe('CSV fields (RFC 4180, OWASP CSV injection)', () => {
  it.each([
    ['plain', 'Hall plug', 'Hall plug'],
    ['comma', 'Hall, left', '"Hall, left"'],
    ['quote', 'The "big" one', '"The ""big"" one"'],
    ['line feed', 'two\nlines', '"two\nlines"'],
    ['CR LF', 'two\r\nlines', '"two\r\nlines"'],
    ['formula =', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['formula +', '+1+1', "'+1+1"],
    ['formula -', '-2+3', "'-2+3"],
    ['formula @', '@SUM(A1)', "'@SUM(A1)"],
    ['leading tab', '\tcmd', "'\tcmd"],
    ['leading CR', '\rcmd', `"'\rcmd"`],
    ['not leading', 'a=b', 'a=b'],
    ['non-Latin', '客厅灯 💡', '客厅灯 💡'],
  ])('%s', (_what, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes numbers as they are and null as an empty field', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });

  it('ends every line with CRLF and reads back to the values (formulas with their apostrophe)', () => {
    const rows = [
      ['name', 'message'],
      ['Hall, "left"\r\nplug', '=1+1'],
      ['客厅灯', '@x'],
    ];
    const text = csvLines(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(5); // the header, a row with CRLF inside quotes, one more, and ''
    expect(parseCsv(text)).toEqual([
      ['name', 'message'],
      ['Hall, "left"\r\nplug', "'=1+1"],
      ['客厅灯', "'@x"],
    ]);
  });
});
