import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A page area in PDF points (72 per inch, from the top left), as pdftotext -x -y -W -H crops at 72 dpi. */
export interface PdfCrop {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The PDF's text as poppler's pdftotext reads it (-layout), the whole file or one area of the first page. */
export function pdfToText(pdf: Buffer, crop?: PdfCrop): string {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbatch-pdftext-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const area = crop
      ? [
          '-f',
          '1',
          '-l',
          '1',
          '-r',
          '72',
          '-x',
          `${crop.x}`,
          '-y',
          `${crop.y}`,
          '-W',
          `${crop.width}`,
          '-H',
          `${crop.height}`,
        ]
      : [];
    return execFileSync('pdftotext', ['-layout', ...area, file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
