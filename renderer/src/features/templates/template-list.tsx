import { ConfirmAction } from '../../components/confirm-action';
import { formatDateTime } from '../../components/time-ago';
import { useTemplates, useTemplatesState } from '../../stores/templates-store';
import { deleteTemplate, exportTemplateFile, openHistory } from './template-intents';

/** Every template: its current version, how many it has, when it last changed; history, export, delete. */
export function TemplateList() {
  const templates = useTemplates();
  const isLoaded = useTemplatesState((s) => s.isLoaded);
  const openId = useTemplatesState((s) => s.history?.templateId ?? null);
  if (isLoaded && templates.length === 0) {
    return <p className="empty">No templates yet. Save a job as a template, or import a file.</p>;
  }
  return (
    <table className="grid" aria-label="Templates">
      <thead>
        <tr>
          <th>Name</th>
          <th>Current version</th>
          <th>Versions</th>
          <th>Updated</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {templates.map((t) => (
          <tr key={t.id} data-template-id={t.id} className={t.id === openId ? 'selected' : undefined}>
            <td>{t.name}</td>
            <td>v{t.version}</td>
            <td>{t.versions}</td>
            <td>{formatDateTime(t.updatedAt)}</td>
            <td>
              <span className="row-actions">
                <button
                  type="button"
                  className="link"
                  aria-label={`History of ${t.name}`}
                  aria-pressed={t.id === openId}
                  onClick={() => void openHistory(t.id)}
                >
                  History
                </button>
                {(['json', 'yaml'] as const).map((format) => (
                  <button
                    key={format}
                    type="button"
                    className="link"
                    aria-label={`Export ${t.name} as ${format.toUpperCase()}`}
                    onClick={() => void exportTemplateFile(t.id, format)}
                  >
                    {format.toUpperCase()}
                  </button>
                ))}
                <ConfirmAction
                  label="Delete"
                  ariaLabel={`Delete ${t.name}`}
                  question={`Delete ${t.name} and all its ${t.versions} version${t.versions === 1 ? '' : 's'}?`}
                  confirmLabel="Delete template"
                  onConfirm={() => void deleteTemplate(t.id)}
                />
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
