import type { TasmotaCommandRule } from '../../../../shared/domain/device-actions';

/** An allow-list as data: command pattern, accepted values, whether it restarts the device. */
export function AllowListTable({
  rules,
  caption,
}: {
  rules: readonly TasmotaCommandRule[];
  caption: string;
}) {
  return (
    <details className="allow-list" open>
      <summary>{caption}</summary>
      <table className="grid compact" aria-label={caption}>
        <thead>
          <tr>
            <th>Command</th>
            <th>Accepted values</th>
            <th>Restarts</th>
            <th>What it does</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.name}>
              <td className="mono">{rule.name}</td>
              <td className="mono">{rule.value === '' ? '(none)' : rule.value}</td>
              <td>{rule.restarts ? 'yes' : 'no'}</td>
              <td>{rule.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Command and value patterns are regular expressions, matched without regard to case.
      </p>
    </details>
  );
}
