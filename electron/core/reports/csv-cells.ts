/**
 * One CSV field per RFC 4180 §2 (https://www.rfc-editor.org/rfc/rfc4180#section-2): a field holding a comma,
 * a double quote, CR or LF is enclosed in double quotes, and a quote inside is doubled (rules 6 and 7).
 * Before that, text that a spreadsheet would read as a formula (first character = + - @ TAB or CR) gets a
 * leading apostrophe, as OWASP's CSV Injection page advises
 * (https://owasp.org/www-community/attacks/CSV_Injection). Numbers are written as they are.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines end in CRLF, the last one included (RFC 4180 §2 rules 1 and 2). */
export function csvLines(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
