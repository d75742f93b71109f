/**
 * `YYYY-MM-DD` of a time in this computer's time zone: the date inputs' format, and the days a site visit's
 * report file is named by (main and the renderer run on the same computer).
 */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
