import { useState, type ChangeEvent } from 'react';
import { assertNever } from '../../../../shared/util/assert-never';
import { useBundle } from '../../stores/bundle-store';
import { formatBytes } from '../firmware/format-bytes';
import { previewBundleFile } from './bundle-intents';
import { BundlePreviewView } from './bundle-preview';
import { isNotABundle, KIND_WORDS, problemWords } from './bundle-words';

interface Chosen {
  name: string;
  size: number;
}

/** The refusal: another kind of file is said to be one; a bundle that fails a check says which. */
function Refusal({
  fileName,
  problem,
  message,
}: {
  fileName: string;
  problem: string | null;
  message: string;
}) {
  if (isNotABundle(problem)) {
    return (
      <p>
        <strong>This is not a Fieldbatch site bundle ({message}).</strong> Nothing was changed on this
        computer.
      </p>
    );
  }
  return (
    <>
      <p>
        <strong>
          {fileName} was refused: {problemWords(problem)}.
        </strong>
      </p>
      <p>{message}</p>
      <p className="hint">Nothing was changed on this computer. Ask the office for a new copy.</p>
    </>
  );
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
          <Refusal fileName={incoming.fileName} problem={incoming.problem} message={incoming.message} />
        </div>
      );
    default:
      return assertNever(incoming, 'bundle import state');
  }
}

/** On site: choose the file, see what it would change, import it. */
export function BundleImport() {
  const busy = useBundle((s) => ['uploading', 'checking'].includes(s.incoming.state));
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const fileChosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again checks it again; the name stays shown beside the button.
    input.value = '';
    if (!file) return;
    setChosen({ name: file.name, size: file.size });
    await previewBundleFile(file);
  };
  return (
    <section className="bundle-section" aria-labelledby="bundle-import-title">
      <h3 id="bundle-import-title">Import a bundle</h3>
      <p className="hint">
        Every file is checked before anything is written; a damaged or changed bundle is refused and changes
        nothing.
      </p>
      <div className="bundle-file">
        <span>Bundle file</span>
        <label className={busy ? 'button-like disabled' : 'button-like'}>
          Choose a bundle file…
          <input
            type="file"
            accept=".tar"
            aria-label="Bundle file"
            disabled={busy}
            onChange={(e) => void fileChosen(e)}
          />
        </label>
        <span data-testid="bundle-chosen-file" className={chosen ? undefined : 'muted'}>
          {chosen ? `${chosen.name} · ${formatBytes(chosen.size)}` : 'No file chosen yet'}
        </span>
      </div>
      <ImportState />
    </section>
  );
}
