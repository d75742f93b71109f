import type { ChangeEvent } from 'react';
import type { TemplateFileIssue } from '../../../../shared/domain/templates';
import { assertNever } from '../../../../shared/util/assert-never';
import { useTemplatesState } from '../../stores/templates-store';
import { createImportedTemplateGroup, importTemplateFile } from './template-intents';
import { TemplateProblems } from './template-problems';

/** "spec.policy.retries.max (line 31): Invalid input…", or without the line when the file format cannot tell. */
export function issueText(issue: TemplateFileIssue): string {
  return `${issue.path}${issue.line === null ? '' : ` (line ${issue.line})`}: ${issue.message}`;
}

async function fileChosen(event: ChangeEvent<HTMLInputElement>): Promise<void> {
  const input = event.target;
  const file = input.files?.[0];
  // The same file can be chosen again once it was fixed.
  input.value = '';
  if (file) await importTemplateFile(file);
}

function ImportReport() {
  const last = useTemplatesState((s) => s.lastImport);
  switch (last.state) {
    case 'idle':
      return null;
    case 'importing':
      return <p role="status">Importing {last.fileName}…</p>;
    case 'done':
      return (
        <div data-testid="template-import-report">
          <p role="status">
            {last.fileName}: imported as the new template “{last.name}”.
          </p>
          <TemplateProblems
            problems={last.problems}
            onCreateGroup={(p) => void createImportedTemplateGroup(p)}
          />
        </div>
      );
    case 'failed':
      return (
        <div role="alert" className="error-text" data-testid="template-import-report">
          <p>
            {last.fileName} was not imported: {last.message}
          </p>
          {last.issues.length > 0 && (
            <ul aria-label="Import problems">
              {last.issues.map((issue, i) => (
                <li key={i}>{issueText(issue)}</li>
              ))}
            </ul>
          )}
        </div>
      );
    default:
      return assertNever(last, 'import state');
  }
}

/** Import a template file (JSON or YAML); main validates it and names every problem at its field and line. */
export function TemplateImport() {
  return (
    <section className="discovery-section" aria-labelledby="template-import-title">
      <h3 id="template-import-title">Import</h3>
      <p className="hint">
        A file exported from Fieldbatch (<code>.json</code>, <code>.yaml</code>), at most 1 MB. It becomes a
        new template; nothing is saved when it has a problem.
      </p>
      <label className="field">
        <span>Import template file</span>
        <input
          type="file"
          accept=".json,.yaml,.yml,application/json,application/yaml"
          onChange={(e) => void fileChosen(e)}
        />
      </label>
      <ImportReport />
    </section>
  );
}
