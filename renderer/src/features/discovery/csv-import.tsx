import type { ChangeEvent } from 'react';
import { CsvImportRequestSchema } from '../../../../shared/domain/discovery';
import { csvImportChanged } from '../../stores/discovery-store';
import { bytesToBase64 } from './base64';
import { CsvReport } from './csv-report';
import { importCsv } from './discovery-actions';

/** Files above this are refused here, before reading them (main refuses them too). */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

async function fileChosen(event: ChangeEvent<HTMLInputElement>): Promise<void> {
  const input = event.target;
  const file = input.files?.[0];
  if (!file) return;
  try {
    if (file.size > MAX_CSV_BYTES) {
      csvImportChanged({ state: 'failed', fileName: file.name, error: 'CSV files are limited to 5 MB' });
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const request = CsvImportRequestSchema.safeParse({
      fileName: file.name.slice(0, 255),
      contentBase64: bytesToBase64(bytes),
    });
    if (!request.success) {
      const error = request.error.issues[0]?.message ?? 'invalid file';
      csvImportChanged({ state: 'failed', fileName: file.name, error });
      return;
    }
    await importCsv(request.data.fileName, request.data.contentBase64);
  } finally {
    // The same file can be picked again after it was fixed.
    input.value = '';
  }
}

/** CSV import: the documented columns, a file picker, and the line-numbered report. */
export function CsvImport() {
  return (
    <section className="discovery-section" aria-labelledby="csv-title">
      <h3 id="csv-title">Import from CSV</h3>
      <p className="hint">
        UTF-8, comma- or semicolon-separated, a header row naming the columns (any order): <code>host</code>,{' '}
        <code>port</code> (default 80), <code>family</code> (shelly, tasmota, esphome), <code>mac</code>,{' '}
        <code>name</code>, <code>tags</code> (separated by <code>;</code>), <code>notes</code>. Each row needs
        a host, or a mac and a family. At most 5 MB.
      </p>
      <label className="field">
        <span>CSV file</span>
        <input type="file" accept=".csv,text/csv" onChange={(e) => void fileChosen(e)} />
      </label>
      <CsvReport />
    </section>
  );
}
