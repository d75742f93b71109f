import type { ChangeEvent } from 'react';
import { assertNever } from '../../../../shared/util/assert-never';
import { useBundle } from '../../stores/bundle-store';
import { formatBytes } from '../firmware/format-bytes';
import { previewBundleFile } from './bundle-intents';
import { BundlePreviewView } from './bundle-preview';
import { KIND_WORDS, problemWords } from './bundle-words';

async function fileChosen(event: ChangeEvent<HTMLInputElement>): Promise<void> {
  const input = event.target;
  const file = input.files?.[0];
  input.value = '';
  if (file) await previewBundleFile(file);
}

function ImportState() {
  const incoming = useBundle((s) => s.incoming);
  switch (incoming.state) {
    case 'idle':
      return null;
    case 'uploading':
      return (
        <p role="status">
          Reading {incoming.fileName}: {formatBytes(incoming.sent)} of {formatBytes(incoming.size)}…
        </p>
      );
    case 'checking':
      return <p role="status">Checking every file of {incoming.fileName}…</p>;
    case 'previewed':
      return (
        <BundlePreviewView
          fileName={incoming.fileName}
          preview={incoming.preview}
          isImporting={incoming.isImporting}
        />
      );
    case 'imported': {
      const { tally } = incoming.result;
      return (
        <div role="status" className="bundle-facts-box" data-testid="bundle-imported">
          <p>
            <strong>{incoming.fileName}</strong> imported.
          </p>
          <ul>
            {(Object.keys(KIND_WORDS) as (keyof typeof tally)[]).map((kind) => (
              <li key={kind}>
                {KIND_WORDS[kind]}: {tally[kind].added} added, {tally[kind].updated} updated,{' '}
                {tally[kind].unchanged} unchanged
              </li>
            ))}
          </ul>
        </div>
      );
    }
    case 'refused':
      return (
        <div
          role="alert"
          className="bundle-refused"
          data-testid="bundle-refused"
          data-problem={incoming.problem}
        >
          <p>
            <strong>
              {incoming.fileName} was refused: {problemWords(incoming.problem)}.
            </strong>
          </p>
          <p>{incoming.message}</p>
          <p className="hint">Nothing was changed on this computer. Ask the office for a new copy.</p>
        </div>
      );
    default:
      return assertNever(incoming, 'bundle import state');
  }
}

/** On site: choose the file, see what it would change, import it. */
export function BundleImport() {
  const busy = useBundle((s) => ['uploading', 'checking'].includes(s.incoming.state));
  return (
    <section className="bundle-section" aria-labelledby="bundle-import-title">
      <h3 id="bundle-import-title">Import a bundle</h3>
      <p className="hint">
        Every file is checked before anything is written; a damaged or changed bundle is refused and changes
        nothing.
      </p>
      <label className="field">
        <span>Bundle file</span>
        <input type="file" accept=".tar" disabled={busy} onChange={(e) => void fileChosen(e)} />
      </label>
      <ImportState />
    </section>
  );
}
