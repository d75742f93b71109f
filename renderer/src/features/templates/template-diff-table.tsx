import type { VersionDiff } from '../../stores/templates-store';

/** A value as it is written in a template file; a field one side lacks shows as "(none)". */
export function diffValueText(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

/** What changed from one version to another, one row per field, at the paths a template file uses. */
export function TemplateDiffTable({ diff }: { diff: VersionDiff }) {
  const title = `Changes from version ${diff.from} to version ${diff.to}`;
  if (diff.changes.length === 0) {
    return (
      <p role="status" data-testid="template-diff-empty">
        Versions {diff.from} and {diff.to} are the same.
      </p>
    );
  }
  return (
    <table className="grid" aria-label={title}>
      <thead>
        <tr>
          <th>Path</th>
          <th>Before (v{diff.from})</th>
          <th>After (v{diff.to})</th>
        </tr>
      </thead>
      <tbody>
        {diff.changes.map((change) => (
          <tr key={change.path}>
            <td className="mono">{change.path}</td>
            <td className="mono">{diffValueText(change.before)}</td>
            <td className="mono">{diffValueText(change.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
