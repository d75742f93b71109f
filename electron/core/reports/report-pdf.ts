import PDFDocument from 'pdfkit';
import type { HandoverReport, ReportDevice, ReportScope } from '../../../shared/domain/report';
import { auditExcerpt, drawChainWarning } from './pdf-audit';
import { drawProgressChart } from './pdf-chart';
import { drawTable, heading, type PdfFlow, type PdfTableRow } from './pdf-table';
import { durationWords, needsReplacement, pdfSafe, utcTime } from './pdf-text';
import { OUTCOME_WORDS } from './report-summary';

/** Rows of the model and version tables on the summary page. */
const SUMMARY_ROWS = 12;

const PAGE = { width: 842, height: 595, margin: 36 };

function scopeWords(scope: ReportScope, report: HandoverReport): string {
  if (scope.kind === 'job') return `Run "${report.runs[0]?.name ?? scope.jobId}" (${scope.jobId})`;
  return `Site visit ${utcTime(scope.from)} to ${utcTime(scope.to)}`;
}

const version = (v: string | null) => v ?? 'unknown';

function deviceCells(d: ReportDevice): string[] {
  const reason = [d.reason, d.message].filter((s) => s).join(': ');
  return [
    d.name,
    d.deviceId,
    d.model ?? '-',
    `${version(d.firmwareBefore)} -> ${version(d.firmwareAfter)}`,
    OUTCOME_WORDS[d.outcome],
    reason,
    String(d.attempts),
  ];
}

function* deviceRows(report: HandoverReport): Generator<PdfTableRow> {
  const many = report.runs.length > 1;
  const names = new Map(report.runs.map((r) => [r.jobId, r.name]));
  let current = '';
  for (const d of report.devices) {
    if (many && d.jobId !== current) {
      current = d.jobId;
      yield { heading: `Run "${names.get(d.jobId) ?? ''}" (${d.jobId})` };
    }
    yield deviceCells(d);
  }
}

/** The page furniture: the report's title at the top, page number and generator at the bottom. */
function pageFlow(doc: PDFKit.PDFDocument, report: HandoverReport, title: string): PdfFlow {
  let page = 1;
  const footer = () => {
    doc.font('Helvetica').fontSize(7).fillColor('#5b6470');
    const text = `Fieldbatch ${pdfSafe(report.generator.version)} - ${pdfSafe(title)} - page ${page}`;
    doc.text(text, PAGE.margin, PAGE.height - PAGE.margin + 12, { lineBreak: false });
    doc.fillColor('#000');
  };
  footer();
  return {
    doc,
    left: PAGE.margin,
    top: PAGE.margin,
    bottom: PAGE.height - PAGE.margin,
    newPage: () => {
      doc.addPage();
      page += 1;
      footer();
    },
  };
}

async function titlePage(flow: PdfFlow, report: HandoverReport, title: string): Promise<number> {
  const { doc } = flow;
  doc.font('Helvetica-Bold').fontSize(18).text('Handover report', flow.left, flow.top, { lineBreak: false });
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(pdfSafe(title), flow.left, flow.top + 24, { lineBreak: false });
  const operators = report.operators.join(', ') || 'none recorded';
  const facts: [string, string][] = [
    ['Host', report.host],
    ['Operators', report.auditChain.intact ? operators : `${operators} (NOT TRUSTED: audit log altered)`],
    ['Generated', utcTime(report.generatedAt)],
    ['Devices', String(report.summary.distinctDevices)],
    ['Device runs', `${report.summary.deviceRuns} (a device in two runs counts twice)`],
  ];
  const top = drawChainWarning(flow, flow.top + 40, report.auditChain);
  let y = top + 6;
  for (const [label, value] of facts) {
    doc.font('Helvetica-Bold').fontSize(9).text(`${label}:`, flow.left, y, { lineBreak: false });
    doc.font('Helvetica').text(pdfSafe(value), flow.left + 70, y, { lineBreak: false });
    y += 13;
  }
  const outcomes = Object.entries(report.summary.byOutcome).filter(([, n]) => n > 0);
  y = await drawTable(
    flow,
    y + 8,
    [
      { header: 'Outcome', width: 130 },
      { header: 'Device runs', width: 60, align: 'right' },
    ],
    outcomes.map(([state, n]) => [OUTCOME_WORDS[state as ReportDevice['outcome']], String(n)]),
  );
  const chart = { x: 430, y: top + 6, width: 376, height: 200 };
  drawProgressChart(doc, chart, report.progress);
  return Math.max(y, chart.y + chart.height) + 14;
}

async function runsTable(flow: PdfFlow, report: HandoverReport, y: number): Promise<number> {
  y = heading(flow, y, 'Runs');
  return drawTable(
    flow,
    y,
    [
      { header: 'Run', width: 190 },
      { header: 'Operators', width: 130 },
      { header: 'Started', width: 120 },
      { header: 'Finished', width: 120 },
      { header: 'Duration', width: 70 },
      { header: 'State', width: 70 },
      { header: 'Devices', width: 50, align: 'right' },
    ],
    report.runs.map((r) => [
      r.name,
      r.operators.join(', '),
      utcTime(r.startedAt),
      utcTime(r.finishedAt),
      durationWords(r.durationMs),
      r.state,
      String(r.devices),
    ]),
  );
}

async function summaryTables(flow: PdfFlow, report: HandoverReport, y: number): Promise<number> {
  const { byModel, versionTransitions } = report.summary;
  y = heading(flow, y + 14, 'Devices per model');
  y = await drawTable(
    flow,
    y,
    [
      { header: 'Model', width: 200 },
      { header: 'Devices', width: 60, align: 'right' },
      { header: 'Device runs', width: 60, align: 'right' },
      { header: 'Succeeded', width: 60, align: 'right' },
      { header: 'Failed', width: 60, align: 'right' },
    ],
    byModel
      .slice(0, SUMMARY_ROWS)
      .map((m) => [
        m.model ?? 'unknown',
        String(m.distinctDevices),
        String(m.deviceRuns),
        String(m.succeeded),
        String(m.failed),
      ]),
  );
  y = heading(flow, y + 14, 'Firmware before -> after');
  return drawTable(
    flow,
    y,
    [
      { header: 'Before -> after', width: 320 },
      { header: 'Device runs', width: 60, align: 'right' },
    ],
    versionTransitions
      .slice(0, SUMMARY_ROWS)
      .map((t) => [`${version(t.from)} -> ${version(t.to)}`, String(t.devices)]),
  );
}

function hasReplacedText(report: HandoverReport): boolean {
  return report.devices.some((d) => needsReplacement(d.name) || needsReplacement(d.message ?? ''));
}

/** Renders the report as an A4 landscape PDF with pdfkit (built-in Helvetica; see ./pdf-text.ts). */
export async function reportPdf(report: HandoverReport): Promise<Buffer> {
  const title = scopeWords(report.scope, report);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: PAGE.margin,
    info: { Title: pdfSafe(`Handover report - ${title}`), Producer: 'Fieldbatch (pdfkit)' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const flow = pageFlow(doc, report, title);
  let y = await titlePage(flow, report, title);
  y = await runsTable(flow, report, y);
  await summaryTables(flow, report, y);
  flow.newPage();
  y = heading(flow, flow.top, `Devices (${report.devices.length})`);
  if (hasReplacedText(report)) {
    flow.doc
      .font('Helvetica')
      .fontSize(7.5)
      .text(
        '"?" stands for characters this PDF font cannot show; the CSV and JSON exports keep names exactly.',
        flow.left,
        y - 2,
        { lineBreak: false },
      );
    y += 10;
  }
  y = await drawTable(
    flow,
    y,
    [
      { header: 'Device', width: 150 },
      { header: 'ID', width: 125 },
      { header: 'Model', width: 90 },
      { header: 'Firmware before -> after', width: 165 },
      { header: 'Outcome', width: 65 },
      { header: 'Reason', width: 140 },
      { header: 'Tries', width: 35, align: 'right' },
    ],
    deviceRows(report),
  );
  await auditExcerpt(flow, report, y);
  doc.end();
  return done;
}
