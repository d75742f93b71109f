import type { HandoverReport, ReportExportRequest, ReportFile } from '../../../shared/domain/report';
import { assertNever } from '../../../shared/util/assert-never';
import { localDay } from '../../../shared/util/local-day';
import type { ReportBuilder } from './report-builder';
import { reportCsv } from './report-csv';
import { reportPdf } from './report-pdf';

/** A run's name as a file-name part: letters and digits joined by "-", at most 60 characters. */
function nameSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return slug || 'run';
}

/**
 * "handover-<run name>-<day it started>" or "site-visit-<first day>-to-<last day>", safe on every OS. The
 * visit's `to` is the midnight after its last day.
 */
export function reportBaseName(report: Pick<HandoverReport, 'scope' | 'runs'>): string {
  const { scope } = report;
  if (scope.kind === 'visit') {
    return `site-visit-${localDay(scope.from)}-to-${localDay(Math.max(scope.from, scope.to - 1))}`;
  }
  const run = report.runs[0];
  if (!run) return `handover-${scope.jobId}`;
  return `handover-${nameSlug(run.name)}-${localDay(run.startedAt ?? run.createdAt)}`;
}

/** Exports the handover report in a format, as the bytes of a file the renderer saves. */
export class ReportService {
  constructor(private readonly builder: Pick<ReportBuilder, 'build'>) {}

  async export({ scope, format }: ReportExportRequest): Promise<ReportFile> {
    const report = this.builder.build(scope);
    const fileName = `${reportBaseName(report)}.${format}`;
    switch (format) {
      case 'csv':
        return {
          fileName,
          mimeType: 'text/csv',
          bytesBase64: Buffer.from(reportCsv(report)).toString('base64'),
        };
      case 'json': {
        const text = `${JSON.stringify(report, null, 2)}\n`;
        return { fileName, mimeType: 'application/json', bytesBase64: Buffer.from(text).toString('base64') };
      }
      case 'pdf':
        return {
          fileName,
          mimeType: 'application/pdf',
          bytesBase64: (await reportPdf(report)).toString('base64'),
        };
      default:
        return assertNever(format, 'report format');
    }
  }
}
