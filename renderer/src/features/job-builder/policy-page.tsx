import { FailureReasonSchema } from '../../../../shared/domain/job';
import { ChipGroup } from '../../components/chip-group';
import { failureWords } from '../device-actions/failure-words';
import { FieldError } from '../../components/field-error';
import { editDraft } from './job-builder-intents';
import { useJobBuilder } from './job-builder-store';
import { errorAt } from './job-draft';
import { defaultPolicyDraft, type PolicyDraft } from './policy-draft';
import { PolicyNumberField, type PolicySectionProps } from './policy-number-field';
import { PACE_FIELDS, RETRY_FIELDS } from './policy-fields';
import { AbortFields } from './abort-fields';
import { RolloutFields } from './rollout-fields';
import { OfflineFields, ScheduleFields } from './schedule-fields';

function PaceFields(props: PolicySectionProps) {
  return (
    <fieldset className="policy-section">
      <legend>Pace</legend>
      {PACE_FIELDS.map((field) => (
        <PolicyNumberField key={field.key} field={field} {...props} />
      ))}
    </fieldset>
  );
}

function RetryFields(props: PolicySectionProps) {
  const { policy, errors, onChange } = props;
  return (
    <fieldset className="policy-section">
      <legend>Timeouts and retries</legend>
      {RETRY_FIELDS.map((field) => (
        <PolicyNumberField key={field.key} field={field} {...props} />
      ))}
      <div className="wide">
        <ChipGroup
          legend="Retry on"
          options={FailureReasonSchema.options}
          chosen={policy.retryOn}
          onChange={(retryOn) => onChange({ retryOn })}
          labelOf={failureWords}
        />
        <p className="hint">
          Failures worth another attempt; the rest are final at once. Default: when{' '}
          {defaultPolicyDraft().retryOn.map(failureWords).join(' or when ')}.
        </p>
        <FieldError id="retry-on-error" message={errorAt(errors, 'policy.retries.retryOn')} />
      </div>
    </fieldset>
  );
}

/** The rollout policy: every setting prefilled with what main would use, and explained in one line. */
export function PolicyPage() {
  const draft = useJobBuilder((s) => s.draft);
  const errors = useJobBuilder((s) => s.errors);
  const onChange = (patch: Partial<PolicyDraft>) =>
    editDraft({ ...draft, policy: { ...draft.policy, ...patch } });
  const props = { policy: draft.policy, errors, onChange };
  return (
    <div className="policy-page">
      <PaceFields {...props} />
      <RetryFields {...props} />
      <RolloutFields {...props} />
      <AbortFields {...props} />
      <ScheduleFields {...props} />
      <OfflineFields {...props} />
    </div>
  );
}
