import { useState, type FormEvent } from 'react';
import { FormField } from '../../components/form-field';
import { TemplateProblems } from '../templates/template-problems';
import { createTemplateGroup, saveAsTemplate, startFromTemplate } from './job-builder-intents';
import { useJobBuilder } from './job-builder-store';

function TemplatePicker() {
  const templates = useJobBuilder((s) => s.templates);
  const [chosen, setChosen] = useState('');
  return (
    <span className="inline-form">
      <label>
        Start from template{' '}
        <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">choose…</option>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} (v{t.version})
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={chosen === ''} onClick={() => void startFromTemplate(chosen)}>
        Load template
      </button>
    </span>
  );
}

function SaveTemplateForm({ onDone }: { onDone: (message: string | null) => void }) {
  const draftName = useJobBuilder((s) => s.draft.name);
  const template = useJobBuilder((s) => s.template);
  const [name, setName] = useState(template?.name ?? draftName);
  const [note, setNote] = useState('');
  const [isNewVersion, setNewVersion] = useState(template !== null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    onDone(await saveAsTemplate({ name: name.trim(), note, isNewVersion }));
  };
  return (
    <form className="action-form" aria-label="Save as template" onSubmit={(e) => void submit(e)}>
      <FormField label="Template name">
        {(field) => <input {...field} value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <FormField label="Note">
        {(field) => (
          <input
            {...field}
            value={note}
            placeholder="what changed"
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </FormField>
      {template && (
        <label className="checkbox-row">
          <input type="checkbox" checked={isNewVersion} onChange={(e) => setNewVersion(e.target.checked)} />
          As a new version of “{template.name}”
        </label>
      )}
      <div className="form-buttons">
        <button type="submit" disabled={name.trim() === ''}>
          Save template
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function LoadedTemplateProblems() {
  const problems = useJobBuilder((s) => s.templateProblems);
  return <TemplateProblems problems={problems} onCreateGroup={(p) => void createTemplateGroup(p)} />;
}

/** Start from a saved template, or save this job as one (a new version of the template it came from). */
export function TemplateBar() {
  const [isSaving, setSaving] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const openSave = () => {
    setSaving(true);
    setMessage(null);
  };
  const saved = (result: string | null) => {
    setSaving(false);
    setMessage(result);
  };
  return (
    <div className="template-bar">
      <TemplatePicker />
      {!isSaving && (
        <button type="button" onClick={openSave}>
          Save as template
        </button>
      )}
      {isSaving && <SaveTemplateForm onDone={saved} />}
      {message && <p role="status">{message}</p>}
      <LoadedTemplateProblems />
    </div>
  );
}
