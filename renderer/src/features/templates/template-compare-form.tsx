import { useId, useState, type FormEvent } from 'react';
import type { TemplateVersionMeta } from '../../../../shared/domain/templates';
import { compareVersions } from './template-intents';

interface CompareFormProps {
  templateId: string;
  /** Newest first, as the history lists them. */
  versions: readonly TemplateVersionMeta[];
}

/** Picks two versions to compare; starts with the one before the current against the current. */
export function TemplateCompareForm({ templateId, versions }: CompareFormProps) {
  const id = useId();
  const [from, setFrom] = useState(versions[1]?.version ?? versions[0]?.version ?? 1);
  const [to, setTo] = useState(versions[0]?.version ?? 1);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void compareVersions(templateId, from, to);
  };
  const options = versions.map((v) => (
    <option key={v.version} value={v.version}>
      v{v.version}
      {v.note ? ` · ${v.note}` : ''}
    </option>
  ));
  return (
    <form className="inline-form" aria-label="Compare versions" onSubmit={submit}>
      <label htmlFor={`${id}-from`}>From version</label>
      <select id={`${id}-from`} value={from} onChange={(e) => setFrom(Number(e.target.value))}>
        {options}
      </select>
      <label htmlFor={`${id}-to`}>To version</label>
      <select id={`${id}-to`} value={to} onChange={(e) => setTo(Number(e.target.value))}>
        {options}
      </select>
      <button type="submit">Compare</button>
    </form>
  );
}
