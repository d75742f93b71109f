import { FailureReasonSchema } from '../../../../shared/domain/job';
import { ExplainedField } from '../../components/explained-field';
import { FieldError } from '../../components/field-error';
import { failureWords } from '../device-actions/failure-words';
import { errorAt } from './job-draft';
import { SUGGESTED } from './policy-draft';
import { PolicyNumberField, type PolicySectionProps } from './policy-number-field';
import { ABORT_FIELDS } from './policy-fields';

/** Stop (pause or cancel) when too many devices fail; off by default. */
export function AbortFields({ policy, errors, onChange }: PolicySectionProps) {
  const toggle = (isOn: boolean) =>
    onChange({
      isAbortOn: isOn,
      abortFailurePercent:
        policy.abortFailurePercent === '' ? SUGGESTED.abortFailurePercent : policy.abortFailurePercent,
    });
  return (
    <fieldset className="policy-section">
      <legend>Abort</legend>
      <div className="wide">
        <label className="checkbox-row">
          <input type="checkbox" checked={policy.isAbortOn} onChange={(e) => toggle(e.target.checked)} />
          Stop the job when too many devices fail
        </label>
        <p className="hint">Default: off, every device is tried whatever happens to the others.</p>
      </div>
      {policy.isAbortOn && (
        <>
          {ABORT_FIELDS.map((field) => (
            <PolicyNumberField
              key={field.key}
              field={field}
              policy={policy}
              errors={errors}
              onChange={onChange}
            />
          ))}
          <ExplainedField
            label="Then"
            explain="Pause waits for you to resume (the count starts afresh); cancel ends the job. Default: pause."
          >
            {(control) => (
              <select
                {...control}
                value={policy.abortAction}
                onChange={(e) => onChange({ abortAction: e.target.value as typeof policy.abortAction })}
              >
                <option value="pause">pause</option>
                <option value="cancel">cancel</option>
              </select>
            )}
          </ExplainedField>
          <details className="per-reason">
            <summary>Tighter limits per failure type</summary>
            <p className="hint">
              E.g. 0 % for “{failureWords('not-verified')}”: one unverified update stops the job. Empty: no
              own limit.
            </p>
            {FailureReasonSchema.options.map((reason) => (
              <label key={reason} className="per-reason-row">
                <span>{failureWords(reason)}</span>
                <input
                  aria-label={`Limit (%) when ${failureWords(reason)}`}
                  inputMode="decimal"
                  value={policy.abortPerReason[reason] ?? ''}
                  onChange={(e) =>
                    onChange({ abortPerReason: { ...policy.abortPerReason, [reason]: e.target.value } })
                  }
                />
                <FieldError
                  id={`per-reason-${reason}`}
                  message={errorAt(errors, `policy.abort.perReason.${reason}`)}
                />
              </label>
            ))}
          </details>
        </>
      )}
    </fieldset>
  );
}
