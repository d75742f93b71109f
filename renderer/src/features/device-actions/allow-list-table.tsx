import type { TasmotaCommandRule } from '../../../../shared/domain/device-actions';

/** An allow-list in words: the commands, what they accept, an example, and whether they restart the device. */
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
            <th>Accepts</th>
            <th>Example</th>
            <th>Restarts</th>
            <th>What it does</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.name}>
              <td className="mono">{rule.shown}</td>
              <td>{rule.accepts}</td>
              <td className="mono">{rule.example}</td>
              <td>{rule.restarts ? 'yes' : 'no'}</td>
              <td>{rule.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">Command names are matched without regard to case.</p>
    </details>
  );
}
