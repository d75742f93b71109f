import { useState } from 'react';
import { useNow } from '../job-runs/use-now';
import { ExportButtons } from './export-buttons';
import { localDay, visitRange } from './report-intents';

/**
 * "Site visit report": every run that started between the first and the last day chosen (this computer's
 * days), as one handover report. Defaults to today.
 */
export function SiteVisitReport() {
  const today = localDay(useNow(false));
  const [fromDay, setFromDay] = useState(today);
  const [toDay, setToDay] = useState(today);
  const range = visitRange(fromDay, toDay);
  const problem = typeof range === 'string' ? range : null;
  return (
    <section className="site-visit-report" aria-labelledby="site-visit-title" data-testid="site-visit-report">
      <h2 id="site-visit-title">Site visit report</h2>
      <p className="hint">Every run that started on these days, in one handover report.</p>
      <div className="visit-days">
        <label>
          From
          <input
            type="date"
            value={fromDay}
            max={toDay || undefined}
            onChange={(e) => setFromDay(e.target.value)}
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={toDay}
            min={fromDay || undefined}
            onChange={(e) => setToDay(e.target.value)}
          />
        </label>
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <ExportButtons
        scope={typeof range === 'string' ? null : { kind: 'visit', ...range }}
        label="Export the site visit report"
        why={problem ?? undefined}
      />
    </section>
  );
}
