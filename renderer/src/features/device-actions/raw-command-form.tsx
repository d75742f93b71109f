import { useId, useState, type FormEvent } from 'react';
import type { DeviceSummary } from '../../../../shared/domain/device';
import { JobStepSchema, TASMOTA_RAW_COMMANDS } from '../../../../shared/domain/device-actions';
import { FormField } from '../../components/form-field';
import { runDeviceAction } from './device-action-intents';

/** A command name matching an allow-list pattern: `Power[1-8]?` → `Power`, `SetOption([0-9]|…)` → `SetOption0`. */
export function exampleCommand(pattern: string): string {
  let depth = 0;
  let end = pattern.length;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '(') depth++;
    else if (pattern[i] === ')') depth--;
    else if (pattern[i] === '|' && depth === 0) {
      end = i;
      break;
    }
  }
  return pattern
    .slice(0, end)
    .replace(/\[[^\]]*\]\?/g, '')
    .replace(/\[(.)[^\]]*\]/g, '$1')
    .replace(/\(([^|)]*)[^)]*\)\??/g, '$1')
    .replace(/[?*+]/g, '');
}

/** Tasmota: one command from the raw-command allow-list (shown), sent as is and its reply shown. */
export function RawCommandForm({ device, onDone }: { device: DeviceSummary; onDone: () => void }) {
  const id = useId();
  const [ruleName, setRuleName] = useState(TASMOTA_RAW_COMMANDS[0]!.name);
  const [command, setCommand] = useState(exampleCommand(TASMOTA_RAW_COMMANDS[0]!.name));
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const choose = (name: string) => {
    setRuleName(name);
    setCommand(exampleCommand(name));
    setValue('');
    setError(undefined);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = JobStepSchema.safeParse({
      action: 'raw-command',
      command: command.trim(),
      value: value.trim(),
    });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    onDone();
    void runDeviceAction(device, parsed.data);
  };
  return (
    <form className="action-form" aria-label="Raw command" noValidate onSubmit={submit}>
      <fieldset>
        <legend>Allowed raw commands</legend>
        {TASMOTA_RAW_COMMANDS.map((rule) => (
          <label key={rule.name} className="radio-row">
            <input
              type="radio"
              name={`${id}-rule`}
              checked={ruleName === rule.name}
              onChange={() => choose(rule.name)}
            />
            <span>
              <span className="mono">{rule.name}</span>{' '}
              {rule.value === '' ? '' : <span className="mono muted">{rule.value}</span>} — {rule.description}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="inline-form">
        <FormField label="Command" error={error}>
          {(field) => (
            <input {...field} className="mono" value={command} onChange={(e) => setCommand(e.target.value)} />
          )}
        </FormField>
        <FormField label="Value">
          {(field) => (
            <input {...field} className="mono" value={value} onChange={(e) => setValue(e.target.value)} />
          )}
        </FormField>
      </div>
      <div className="form-buttons">
        <button type="submit">Send command</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
