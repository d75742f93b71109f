import { useId, useState, type FormEvent } from 'react';
import type { DeviceSummary } from '../../../../shared/domain/device';
import { JobStepSchema, TASMOTA_RAW_COMMANDS } from '../../../../shared/domain/device-actions';
import { FormField } from '../../components/form-field';
import { runDeviceAction } from './device-action-intents';
import { exampleCommand, initialRawCommand, type RawCommandDraft } from './raw-command-draft';

interface RawCommandFieldsProps {
  draft: RawCommandDraft;
  onChange: (draft: RawCommandDraft) => void;
  /** The schema's message about the command. */
  error: string | undefined;
}

/** The raw-command allow-list (shown) to choose from, then the command and its value. */
export function RawCommandFields({ draft, onChange, error }: RawCommandFieldsProps) {
  const id = useId();
  const choose = (name: string) => onChange({ ruleName: name, command: exampleCommand(name), value: '' });
  return (
    <>
      <fieldset>
        <legend>Allowed raw commands</legend>
        {TASMOTA_RAW_COMMANDS.map((rule) => (
          <label key={rule.name} className="radio-row">
            <input
              type="radio"
              name={`${id}-rule`}
              checked={draft.ruleName === rule.name}
              onChange={() => choose(rule.name)}
            />
            <span>
              <span className="mono">{rule.shown}</span> — {rule.description} (accepts {rule.accepts})
            </span>
          </label>
        ))}
      </fieldset>
      <div className="inline-form">
        <FormField label="Command" error={error}>
          {(field) => (
            <input
              {...field}
              className="mono"
              value={draft.command}
              onChange={(e) => onChange({ ...draft, command: e.target.value })}
            />
          )}
        </FormField>
        <FormField label="Value">
          {(field) => (
            <input
              {...field}
              className="mono"
              value={draft.value}
              onChange={(e) => onChange({ ...draft, value: e.target.value })}
            />
          )}
        </FormField>
      </div>
    </>
  );
}

/** Tasmota: one command from the raw-command allow-list (shown), sent as is and its reply shown. */
export function RawCommandForm({ device, onDone }: { device: DeviceSummary; onDone: () => void }) {
  const [draft, setDraft] = useState(initialRawCommand);
  const [error, setError] = useState<string | undefined>();
  const change = (next: RawCommandDraft) => {
    if (next.ruleName !== draft.ruleName) setError(undefined);
    setDraft(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = JobStepSchema.safeParse({
      action: 'raw-command',
      command: draft.command.trim(),
      value: draft.value.trim(),
    });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    onDone();
    void runDeviceAction(device, parsed.data);
  };
  return (
    <form className="action-form" aria-label="Raw command" noValidate onSubmit={submit}>
      <RawCommandFields draft={draft} onChange={change} error={error} />
      <div className="form-buttons">
        <button type="submit">Send command</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
