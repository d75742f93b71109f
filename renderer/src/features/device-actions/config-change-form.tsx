import { useState, type FormEvent } from 'react';
import type { DeviceSummary } from '../../../../shared/domain/device';
import type { ShellyConfigChange, TasmotaConfigChange } from '../../../../shared/domain/device-actions';
import { configCommandLines } from '../../../../shared/domain/shelly-config-writes';
import { SchemaForm } from '../../components/schema-form/schema-form';
import { draftToValue, validateDraft, type Draft } from '../../components/schema-form/schema-draft';
import { AllowListTable } from './allow-list-table';
import { CONFIG_FORMS, configJsonSchema, type ConfigFamily } from './config-schemas';
import { runDeviceAction } from './device-action-intents';

interface ConfigFieldsProps {
  family: ConfigFamily;
  draft: Draft;
  /** The schema's messages, keyed by path inside the family's settings. */
  errors: Record<string, string>;
  onChange: (draft: Draft) => void;
}

/** The device's own commands for the form as filled in so far (not validated yet: the form says what is wrong). */
function SentLines({ family, value }: { family: ConfigFamily; value: unknown }) {
  const lines = configCommandLines(
    family === 'shelly' ? { shelly: value as ShellyConfigChange } : { tasmota: value as TasmotaConfigChange },
  );
  if (lines.length === 0) return <p className="hint">Nothing yet: fill in what should change.</p>;
  return (
    <pre className="mono" aria-label="Commands to send">
      {lines.join('\n')}
    </pre>
  );
}

/** The family's settings as a form generated from the contract's schema, with what would be sent. */
export function ConfigFields({ family, draft, errors, onChange }: ConfigFieldsProps) {
  const spec = CONFIG_FORMS[family];
  const schema = configJsonSchema(family);
  return (
    <>
      <p className="hint">
        {family === 'shelly'
          ? 'Fill in only what should change; empty fields stay as they are. Settings that need a restart get one, verified.'
          : 'Each row is one allow-listed command and its value; they are sent together and read back.'}
      </p>
      {spec.allowList && <AllowListTable rules={spec.allowList} caption="Allowed configuration commands" />}
      <SchemaForm schema={schema} draft={draft} errors={errors} onChange={onChange} hints={spec.hints} />
      <details className="payload-preview">
        <summary>What will be sent</summary>
        <SentLines family={family} value={draftToValue(schema, draft)} />
      </details>
    </>
  );
}

interface ConfigChangeFormProps {
  device: DeviceSummary;
  family: ConfigFamily;
  onDone: () => void;
}

/**
 * A config change for the device's family, with the form generated from the contract's parameter schema and
 * validated by it (the same messages main would give).
 */
export function ConfigChangeForm({ device, family, onDone }: ConfigChangeFormProps) {
  const spec = CONFIG_FORMS[family];
  const schema = configJsonSchema(family);
  const [draft, setDraft] = useState<Draft>(spec.initialDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // After a refused submit, messages follow the input, so a corrected field loses its message at once.
  const [isChecking, setChecking] = useState(false);
  const change = (next: Draft) => {
    setDraft(next);
    if (isChecking) {
      const result = validateDraft(spec.schema, schema, next);
      setErrors('errors' in result ? result.errors : {});
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateDraft(spec.schema, schema, draft);
    setChecking(true);
    if ('errors' in result) return setErrors(result.errors);
    setErrors({});
    onDone();
    void runDeviceAction(device, spec.toStep(result.value));
  };
  return (
    <form className="action-form" aria-label="Change configuration" noValidate onSubmit={submit}>
      <ConfigFields family={family} draft={draft} errors={errors} onChange={change} />
      <div className="form-buttons">
        <button type="submit">Apply configuration</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
