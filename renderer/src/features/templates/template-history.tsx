import { ConfirmAction } from '../../components/confirm-action';
import { formatDateTime } from '../../components/time-ago';
import { useTemplate, useTemplatesState } from '../../stores/templates-store';
import { TemplateCompareForm } from './template-compare-form';
import { TemplateDiffTable } from './template-diff-table';
import { closeHistory, restoreVersion } from './template-intents';

/** The open template's versions with their notes; compare two, or make an old one current again. */
export function TemplateHistory() {
  const history = useTemplatesState((s) => s.history);
  const diff = useTemplatesState((s) => s.diff);
  const template = useTemplate(history?.templateId ?? null);
  if (!history || !template) return null;
  return (
    <section className="discovery-section" aria-labelledby="template-history-title">
      <h3 id="template-history-title">History of {template.name}</h3>
      <table className="grid" aria-label={`Versions of ${template.name}`}>
        <thead>
          <tr>
            <th>Version</th>
            <th>Name</th>
            <th>Note</th>
            <th>Saved</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {history.versions.map((v) => (
            <tr key={v.version} data-version={v.version}>
              <td>
                v{v.version}
                {v.version === template.version && <span className="muted"> (current)</span>}
              </td>
              <td>{v.name}</td>
              <td>{v.note}</td>
              <td>{formatDateTime(v.createdAt)}</td>
              <td>
                {v.version !== template.version && (
                  <ConfirmAction
                    label="Restore"
                    ariaLabel={`Restore version ${v.version}`}
                    question={`Make version ${v.version} current again? It is saved as version ${template.version + 1}.`}
                    confirmLabel="Restore version"
                    onConfirm={() => void restoreVersion(template.id, v.version)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {history.versions.length > 1 ? (
        // A new version (a restore) starts the comparison again from the newest pair.
        <TemplateCompareForm
          key={`${template.id}@${history.versions[0]!.version}`}
          templateId={template.id}
          versions={history.versions}
        />
      ) : (
        <p className="hint">Only one version so far: nothing to compare.</p>
      )}
      {diff && <TemplateDiffTable diff={diff} />}
      <button type="button" onClick={closeHistory}>
        Close history
      </button>
    </section>
  );
}
