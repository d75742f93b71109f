/** A coloured label for a device or job state; the class name carries the colour. */
export function StateBadge({ state, title }: { state: string; title?: string }) {
  return (
    <span className={`badge badge-${state}`} title={title} data-state={state}>
      {state}
    </span>
  );
}
