/**
 * The PDF uses pdfkit's built-in Helvetica (no font file to ship or find), which encodes text as WinAnsi
 * (Windows-1252): Latin-1 plus the few extras pdfkit maps (WIN_ANSI_MAP in pdfkit's font code). Anything else
 * (a device named in Chinese, an emoji, →) would print as a wrong glyph or nothing, so it is replaced visibly
 * by "?" and the report says so; the CSV and JSON keep every name exactly.
 */
const WIN_ANSI_EXTRAS = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019,
  0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

export const UNMAPPABLE = '?';

function isWinAnsi(cp: number): boolean {
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRAS.has(cp);
}

/** Text Helvetica can show: line breaks and tabs become spaces, other characters outside WinAnsi "?". */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.replace(/[\r\n\t]+/g, ' ')) {
    out += isWinAnsi(ch.codePointAt(0)!) ? ch : UNMAPPABLE;
  }
  return out;
}

/** Whether pdfSafe changes anything but white space (the report then explains the "?"). */
export function needsReplacement(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!isWinAnsi(cp) && ch !== '\r' && ch !== '\n' && ch !== '\t') return true;
  }
  return false;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-08 14:05:09 UTC": reports state UTC, so a laptop's time zone cannot shift a handover. */
export function utcTime(ms: number | null): string {
  if (ms === null) return '-';
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} UTC`;
}

/** "1 h 02 min", "3 min 07 s", "12 s". */
export function durationWords(ms: number | null): string {
  if (ms === null) return '-';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`;
}
