import { actionWords } from '../../../shared/domain/audit-words';
import type { HandoverReport, ReportAuditChain } from '../../../shared/domain/report';
import { drawTable, heading, type PdfFlow } from './pdf-table';
import { utcTime } from './pdf-text';

/** Audit lines printed in the PDF; the JSON export holds them all. */
export const PDF_AUDIT_LINES = 80;

const WARNING_RED = '#b42318';

/** The page-1 warning's words for a broken chain; null when the chain is intact. */
export function chainWarning(chain: ReportAuditChain): string | null {
  if (chain.intact) return null;
  return (
    `The audit log of this computer was altered: entry ${chain.brokenAt} was edited or removed. ` +
    'The operators and actions below cannot be trusted.'
  );
}

/** A red framed box across the page with the warning; returns the y below it (unchanged when intact). */
export function drawChainWarning(flow: PdfFlow, y: number, chain: ReportAuditChain): number {
  const words = chainWarning(chain);
  if (!words) return y;
  const { doc } = flow;
  const width = doc.page.width - 2 * flow.left;
  doc.save().lineWidth(2).rect(flow.left, y, width, 34).fillAndStroke('#fef3f2', WARNING_RED).restore();
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(WARNING_RED)
    .text(`WARNING: ${words}`, flow.left + 8, y + 7, { width: width - 16 });
  doc.fillColor('#000');
  return y + 42;
}

/**
 * The first PDF_AUDIT_LINES entries, actions in the audit view's words. When the chain is broken, a "Trust"
 * column marks each entry from the first bad one on as "ALTERED?" (forged entries may follow an edit).
 */
export async function auditExcerpt(flow: PdfFlow, report: HandoverReport, y: number): Promise<void> {
  const shown = report.audit.slice(0, PDF_AUDIT_LINES);
  const count = report.audit.length;
  y = heading(flow, y + 14, `Audit log (${count} ${count === 1 ? 'entry' : 'entries'})`);
  if (shown.length === 0) {
    flow.doc.font('Helvetica').fontSize(8).text('No audit entries in this scope.', flow.left, y);
    return;
  }
  const { brokenAt } = report.auditChain;
  const trust = (seq: number) => (brokenAt !== null && seq >= brokenAt ? 'ALTERED?' : 'ok');
  const columns = [
    { header: 'Entry', width: 40, align: 'right' as const },
    { header: 'Time', width: 110 },
    { header: 'Operator', width: 100 },
    { header: 'Host', width: 90 },
    { header: 'Action', width: 160 },
    { header: 'Target', width: 160 },
    { header: 'Outcome', width: 50 },
  ];
  const rows = shown.map((e) => [
    String(e.seq),
    utcTime(e.at),
    e.operator ?? '-',
    e.host,
    actionWords(e.action),
    e.target ?? '',
    e.outcome,
  ]);
  // Fits A4 landscape's 770 points with the Trust column.
  const broken = brokenAt !== null;
  y = await drawTable(
    flow,
    y,
    broken ? [...columns, { header: 'Trust', width: 55 }] : columns,
    broken ? rows.map((cells, i) => [...cells, trust(shown[i]!.seq)]) : rows,
  );
  if (report.audit.length > shown.length) {
    const more = `${report.audit.length - shown.length} more entries are in the JSON export.`;
    flow.doc
      .font('Helvetica')
      .fontSize(8)
      .text(more, flow.left, y + 4, { lineBreak: false });
  }
}
