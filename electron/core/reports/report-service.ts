import type { ReportExportRequest, ReportFile, ReportScope } from '../../../shared/domain/report';
import { assertNever } from '../../../shared/util/assert-never';
import type { ReportBuilder } from './report-builder';
import { reportCsv } from './report-csv';
import { reportPdf } from './report-pdf';

/** "handover-<run id>" or "handover-visit-<from>--<to>" (UTC, to the minute), safe on every OS. */
export function reportBaseName(scope: ReportScope): string {
  if (scope.kind === 'job') return `handover-${scope.jobId}`;
  const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/:/g, '-');
  return `handover-visit-${minute(scope.from)}--${minute(scope.to)}`;
}

/** Exports the handover report in a format, as the bytes of a file the renderer saves. */
export class ReportService {
  constructor(private readonly builder: Pick<ReportBuilder, 'build'>) {}

  async export({ scope, format }: ReportExportRequest): Promise<ReportFile> {
    const report = this.builder.build(scope);
    const fileName = `${reportBaseName(scope)}.${format}`;
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
