import { ExplainedField } from '../../components/explained-field';
import { formatDuration } from '../../components/format-duration';
import { errorAt, type DraftErrors } from './job-draft';
import { defaultPolicyDraft, type PolicyDraft } from './policy-draft';
import type { NumberField } from './policy-fields';

export interface PolicySectionProps {
  policy: PolicyDraft;
  errors: DraftErrors;
  onChange: (patch: Partial<PolicyDraft>) => void;
}

let defaults: PolicyDraft | null = null;

/** "Default: 10." from the contract's schema, so the explanation cannot drift from what main applies. */
function defaultNote(field: NumberField): string {
  defaults ??= defaultPolicyDraft();
  const value = defaults[field.key];
  if (field.isSuggestion) return ` No default; suggested: ${value}.`;
  if (value === '') return field.empty ? ` Empty: ${field.empty}.` : '';
  const words = field.isDuration ? ` (${formatDuration(Number(value))})` : '';
  return ` Default: ${value}${words}.${field.empty ? ` Empty: ${field.empty}.` : ''}`;
}

function echoOf(field: NumberField, value: string): string | undefined {
  const n = Number(value);
  return field.isDuration && value.trim() !== '' && Number.isFinite(n) ? formatDuration(n) : undefined;
}

/** One numeric policy setting: its explanation with the default, the value as typed, its message. */
export function PolicyNumberField({
  field,
  policy,
  errors,
  onChange,
}: PolicySectionProps & { field: NumberField }) {
  const value = policy[field.key];
  return (
    <ExplainedField
      label={field.label}
      explain={`${field.explain}${defaultNote(field)}`}
      error={errorAt(errors, field.path)}
      echo={echoOf(field, value)}
    >
      {(control) => (
        <input
          {...control}
          inputMode="decimal"
          value={value}
          onChange={(e) => onChange({ [field.key]: e.target.value })}
        />
      )}
    </ExplainedField>
  );
}
