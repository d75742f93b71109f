import { useDiscovery } from '../../stores/discovery-store';

/** The outcome of the last CSV import: how many rows went in, and each refused row with its line. */
export function CsvReport() {
  const csv = useDiscovery((s) => s.csvImport);
  switch (csv.state) {
    case 'idle':
      return null;
    case 'importing':
      return <p role="status">Importing {csv.fileName}…</p>;
    case 'failed':
      return (
        <p role="alert" className="error-text" data-testid="csv-report">
          {csv.fileName}: {csv.error}
        </p>
      );
    case 'done': {
      const { report } = csv;
      return (
        <div className="csv-report" data-testid="csv-report">
          <p role="status">
            {csv.fileName}: imported {report.imported.length} of {report.rows} row
            {report.rows === 1 ? '' : 's'}
            {report.errors.length > 0 ? `, ${report.errors.length} refused` : ''}.
          </p>
          {report.errors.length > 0 && (
            <ul aria-label="Import errors">
              {report.errors.map((e) => (
                <li key={`${e.line}:${e.reason}`} data-line={e.line}>
                  Line {e.line}: {e.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      );
    }
  }
}
