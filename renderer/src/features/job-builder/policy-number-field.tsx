import { ExplainedField } from '../../components/explained-field';
import { DURATION_HINT, durationError } from '../../components/duration-field';
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
  const hint = field.isDuration ? ` ${DURATION_HINT}` : '';
  return ` Default: ${value}.${field.empty ? ` Empty: ${field.empty}.` : ''}${hint}`;
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
      error={(field.isDuration ? durationError(value) : undefined) ?? errorAt(errors, field.path)}
    >
      {(control) => (
        <input
          {...control}
          inputMode={field.isDuration ? 'text' : 'decimal'}
          value={value}
          onChange={(e) => onChange({ [field.key]: e.target.value })}
        />
      )}
    </ExplainedField>
  );
}
