import { useState } from 'react';
import { ReportFormatSchema, type ReportFormat, type ReportScope } from '../../../../shared/domain/report';
import { exportReport } from './report-intents';

const FORMAT_WORDS: Record<ReportFormat, { label: string; title: string }> = {
  pdf: { label: 'PDF', title: 'A printable handover: summary, chart, every device, the audit log' },
  csv: { label: 'CSV', title: 'One row per device, for a spreadsheet' },
  json: { label: 'JSON', title: 'Everything, in the documented schema (version 1), for other tools' },
};

/**
 * One button per report format. `scope` null disables them (with `why` as the reason). While a file is being
 * made its button says so; the others stay usable. A refusal shows under the buttons until the scope changes.
 */
export function ExportButtons({
  scope,
  label,
  why,
}: {
  scope: ReportScope | null;
  label: string;
  why?: string;
}) {
  const [busy, setBusy] = useState<ReportFormat | null>(null);
  const [refusal, setRefusal] = useState<{ scope: string; words: string } | null>(null);
  const scopeKey = JSON.stringify(scope);
  const run = async (format: ReportFormat) => {
    if (!scope) return;
    setBusy(format);
    setRefusal(null);
    const words = await exportReport(scope, format);
    if (words) setRefusal({ scope: scopeKey, words });
    setBusy(null);
  };
  return (
    <>
      <div className="report-buttons" role="group" aria-label={label}>
        {ReportFormatSchema.options.map((format) => (
          <button
            key={format}
            type="button"
            data-report-format={format}
            title={scope ? FORMAT_WORDS[format].title : why}
            disabled={!scope || busy === format}
            aria-busy={busy === format}
            onClick={() => void run(format)}
          >
            {busy === format ? `${FORMAT_WORDS[format].label}…` : FORMAT_WORDS[format].label}
          </button>
        ))}
      </div>
      {refusal?.scope === scopeKey && (
        <p className="field-error report-refusal" role="alert">
          {refusal.words}
        </p>
      )}
    </>
  );
}
