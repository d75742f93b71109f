interface JsonTreeProps {
  value: unknown;
  /** Objects and arrays up to this depth start open. */
  openDepth: number;
}

function JsonEntry({
  name,
  value,
  depth,
  openDepth,
}: {
  name: string;
  value: unknown;
  depth: number;
  openDepth: number;
}) {
  if (value !== null && typeof value === 'object') {
    const isArray = Array.isArray(value);
    const entries: [string, unknown][] = isArray
      ? (value as unknown[]).map((v, i) => [String(i), v])
      : Object.entries(value as Record<string, unknown>);
    return (
      <details open={depth < openDepth} className="json-branch">
        <summary>
          <span className="json-key">{name}</span>{' '}
          <span className="muted">
            {isArray
              ? `[${entries.length} item${entries.length === 1 ? '' : 's'}]`
              : `{${entries.length} key${entries.length === 1 ? '' : 's'}}`}
          </span>
        </summary>
        <ul>
          {entries.map(([key, child]) => (
            <li key={key}>
              <JsonEntry name={key} value={child} depth={depth + 1} openDepth={openDepth} />
            </li>
          ))}
        </ul>
      </details>
    );
  }
  return (
    <span className="json-leaf">
      <span className="json-key">{name}:</span>{' '}
      <span className={`json-${value === null ? 'null' : typeof value}`}>{JSON.stringify(value)}</span>
    </span>
  );
}

/** JSON as a tree of collapsible objects and arrays, every leaf pretty-printed. */
export function JsonTree({ value, openDepth }: JsonTreeProps) {
  return (
    <div className="json-tree mono" data-testid="json-tree">
      <JsonEntry name="snapshot" value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}
