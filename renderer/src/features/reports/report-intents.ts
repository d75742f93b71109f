import type { ReportFormat, ReportScope } from '../../../../shared/domain/report';
import { invoke } from '../../api/client';
import { downloadBlob } from '../../components/download';
import { IpcError } from '../../../../shared/ipc/result';
import { errorMessage } from '../command-errors';

export { localDay } from '../../../../shared/util/local-day';

/**
 * Asks main for the handover report and saves it. Resolves to null once saved, or to the refusal in the
 * technician's words (shown next to the buttons, where they looked).
 */
export async function exportReport(scope: ReportScope, format: ReportFormat): Promise<string | null> {
  try {
    const file = await invoke('reports.export', { scope, format });
    const bytes = Uint8Array.from(atob(file.bytesBase64), (c) => c.charCodeAt(0));
    downloadBlob(file.fileName, new Blob([bytes], { type: file.mimeType }));
    return null;
  } catch (error) {
    // A visit with no run is not something "removed meanwhile" (NOT_FOUND's usual next step): other days are.
    if (scope.kind === 'visit' && error instanceof IpcError && error.code === 'NOT_FOUND')
      return `${error.message} Choose the days the runs were started on.`;
    return errorMessage(error);
  }
}

const DAY_MS = 86_400_000;

/**
 * A visit from the start of `fromDay` to the end of `toDay` (both `YYYY-MM-DD`, this computer's time zone), or
 * the words saying why not. The range's end is exclusive: midnight after `toDay`.
 */
export function visitRange(fromDay: string, toDay: string): { from: number; to: number } | string {
  const start = (day: string) => (day ? new Date(`${day}T00:00:00`).getTime() : NaN);
  const from = start(fromDay);
  const toStart = start(toDay);
  if (Number.isNaN(from) || Number.isNaN(toStart)) return 'Choose the first and the last day of the visit.';
  if (toStart < from) return 'The last day is before the first day.';
  // Local midnight of the next day (a day is not always 24 h where clocks change).
  const next = new Date(toStart + DAY_MS + 12 * 3_600_000);
  next.setHours(0, 0, 0, 0);
  return { from, to: next.getTime() };
}
