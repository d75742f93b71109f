import { pdfSafe } from './pdf-text';

export interface PdfColumn {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/** The page area tables flow in, and how to start the next page (it draws the page's footer and header). */
export interface PdfFlow {
  doc: PDFKit.PDFDocument;
  left: number;
  top: number;
  bottom: number;
  newPage(): void;
}

const ROW_HEIGHT = 11;
/** Rows drawn between two yields to the event loop (about 40 ms): a long table must not stall running jobs. */
const ROWS_PER_SLICE = 400;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const FONT_SIZE = 7.5;
const CELL_PAD = 3;

/** Cuts text to the column's width with "..." (widthOfString only when it may not fit, for speed). */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (text.length * FONT_SIZE * 0.28 <= width) return text;
  if (doc.widthOfString(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${text.slice(0, mid)}...`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}...`;
}

function drawRow(
  flow: PdfFlow,
  y: number,
  columns: readonly PdfColumn[],
  cells: readonly string[],
  bold: boolean,
): void {
  const { doc } = flow;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT_SIZE);
  let x = flow.left;
  columns.forEach((col, i) => {
    const inner = col.width - 2 * CELL_PAD;
    const text = fit(doc, pdfSafe(cells[i] ?? ''), inner);
    const dx = col.align === 'right' ? inner - doc.widthOfString(text) : 0;
    doc.text(text, x + CELL_PAD + dx, y + 2, { lineBreak: false });
    x += col.width;
  });
}

/** A row spanning the table (a run's heading in a visit's device list). */
export type PdfTableRow = readonly string[] | { heading: string };

/**
 * Draws a table from `y` down, starting new pages as needed and repeating the header on each; rows are one
 * line each (long cells are cut with "..."). Yields to the event loop every ROWS_PER_SLICE rows, since the
 * report is made on the main process where jobs run. Resolves with the y below the last row.
 */
export async function drawTable(
  flow: PdfFlow,
  startY: number,
  columns: readonly PdfColumn[],
  rows: Iterable<PdfTableRow>,
): Promise<number> {
  const { doc } = flow;
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  const header = (y: number) => {
    doc.rect(flow.left, y, width, ROW_HEIGHT).fill('#e8ecf1').fillColor('#000');
    drawRow(
      flow,
      y,
      columns,
      columns.map((c) => c.header),
      true,
    );
    return y + ROW_HEIGHT;
  };
  let y = header(startY);
  let shade = false;
  let drawn = 0;
  for (const row of rows) {
    drawn += 1;
    if (drawn % ROWS_PER_SLICE === 0) await nextTurn();
    if (y + ROW_HEIGHT > flow.bottom) {
      flow.newPage();
      y = header(flow.top);
    }
    if ('heading' in row) {
      drawRow(flow, y, [{ header: '', width }], [row.heading], true);
    } else {
      if (shade) doc.rect(flow.left, y, width, ROW_HEIGHT).fill('#f6f7f9').fillColor('#000');
      drawRow(flow, y, columns, row, false);
      shade = !shade;
    }
    y += ROW_HEIGHT;
  }
  doc
    .moveTo(flow.left, y)
    .lineTo(flow.left + width, y)
    .lineWidth(0.5)
    .strokeColor('#9aa3ad')
    .stroke();
  return y;
}

/** A section heading; starts a new page when fewer than 40 points are left. Returns the y below it. */
export function heading(flow: PdfFlow, y: number, text: string): number {
  if (y + 40 > flow.bottom) {
    flow.newPage();
    y = flow.top;
  }
  flow.doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor('#000')
    .text(text, flow.left, y, { lineBreak: false });
  return y + 16;
}
