import { useId, useState, type FormEvent } from 'react';
import { FullTopicPatternSchema } from '../../../../shared/domain/settings';
import { FieldError } from '../../components/field-error';
import { useDiscovery } from '../../stores/discovery-store';
import { updateDiscoverySettings } from './discovery-actions';

/** Tasmota FullTopic patterns besides the default `%prefix%/%topic%/`. */
export function FullTopicPatterns() {
  const id = useId();
  const patterns = useDiscovery((s) => s.settings)?.fullTopicPatterns ?? [];
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = FullTopicPatternSchema.safeParse(draft);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    if (patterns.includes(parsed.data)) return setDraft('');
    if (await updateDiscoverySettings({ fullTopicPatterns: [...patterns, parsed.data] })) setDraft('');
  };
  return (
    <section className="discovery-section" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>FullTopic patterns</h4>
      <p className="hint">
        Always tried: <code>%prefix%/%topic%/</code>
      </p>
      <ul aria-label="FullTopic patterns">
        {patterns.map((pattern) => (
          <li key={pattern}>
            <code>{pattern}</code>{' '}
            <button
              type="button"
              className="link"
              aria-label={`Remove pattern ${pattern}`}
              onClick={() =>
                void updateDiscoverySettings({ fullTopicPatterns: patterns.filter((p) => p !== pattern) })
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => void add(e)}>
        <input
          aria-label="New FullTopic pattern"
          placeholder="%prefix%/site-a/%topic%/"
          value={draft}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit">Add pattern</button>
        <FieldError id={`${id}-error`} message={error} />
      </form>
    </section>
  );
}
