/** The identify payload as the device sent it, pretty-printed and folded away until asked for. */
export function RawPayload({ raw, isLoaded }: { raw: unknown; isLoaded: boolean }) {
  return (
    <details className="raw-payload">
      <summary>Raw identify payload</summary>
      {isLoaded ? <pre className="mono">{JSON.stringify(raw ?? null, null, 2)}</pre> : <p>Loading…</p>}
    </details>
  );
}
