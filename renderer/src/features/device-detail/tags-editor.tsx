import { useId, useState, type FormEvent } from 'react';
import {
  DeviceEditSchema,
  TagSchema,
  type DeviceId,
  type DeviceSummary,
} from '../../../../shared/domain/device';
import { FieldError } from '../../components/field-error';
import { editDevice } from './device-actions';

export function TagsEditor({ device }: { device: DeviceSummary }) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const save = async (tags: string[]) => {
    const parsed = DeviceEditSchema.shape.tags.safeParse(tags);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    return editDevice({ id: device.id as DeviceId, tags: parsed.data });
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const tag = TagSchema.safeParse(draft);
    if (!tag.success) return setError(tag.error.issues[0]?.message);
    const known = device.tags.some((t) => t.toLowerCase() === tag.data.toLowerCase());
    if (known || (await save([...device.tags, tag.data]))) setDraft('');
  };
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Tags</h3>
      <ul className="tag-list" aria-label="Tags">
        {device.tags.map((tag) => (
          <li key={tag} className="tag-chip">
            {tag}
            <button
              type="button"
              className="link"
              aria-label={`Remove tag ${tag}`}
              onClick={() => void save(device.tags.filter((t) => t !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => void add(e)}>
        <input
          aria-label="New tag"
          value={draft}
          placeholder="roof, building-2, …"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit">Add tag</button>
        <FieldError id={`${id}-error`} message={error} />
      </form>
    </section>
  );
}
