import { ExplainedField } from '../../components/explained-field';
import { errorAt } from './job-draft';
import { SUGGESTED } from './policy-draft';
import { PolicyNumberField, type PolicySectionProps } from './policy-number-field';
import { OFFLINE_DEADLINE_FIELD } from './policy-fields';

/** When devices may start: a start time and a daily window. */
export function ScheduleFields({ policy, errors, onChange }: PolicySectionProps) {
  return (
    <fieldset className="policy-section">
      <legend>Schedule</legend>
      <ExplainedField
        label="Start at"
        explain="The job waits, scheduled, until then. Default: empty, it starts at once."
        error={errorAt(errors, 'policy.schedule.startAt')}
      >
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            value={policy.startAt}
            onChange={(e) => onChange({ startAt: e.target.value })}
          />
        )}
      </ExplainedField>
      <div className="wide">
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={policy.isWindowOn}
            onChange={(e) =>
              onChange({
                isWindowOn: e.target.checked,
                windowFrom: policy.windowFrom || SUGGESTED.windowFrom,
                windowTo: policy.windowTo || SUGGESTED.windowTo,
              })
            }
          />
          Only within a daily window
        </label>
        <p className="hint">
          Devices start only between these local times (the window may span midnight); running steps finish.
          Default: any time.
        </p>
      </div>
      {policy.isWindowOn && (
        <span className="inline-form">
          <ExplainedField
            label="From"
            explain="Local time, 24-hour."
            error={errorAt(errors, 'policy.schedule.window.from')}
          >
            {(control) => (
              <input
                {...control}
                type="time"
                value={policy.windowFrom}
                onChange={(e) => onChange({ windowFrom: e.target.value })}
              />
            )}
          </ExplainedField>
          <ExplainedField
            label="To"
            explain="Local time, 24-hour."
            error={errorAt(errors, 'policy.schedule.window.to')}
          >
            {(control) => (
              <input
                {...control}
                type="time"
                value={policy.windowTo}
                onChange={(e) => onChange({ windowTo: e.target.value })}
              />
            )}
          </ExplainedField>
        </span>
      )}
    </fieldset>
  );
}

/** What happens to a target that is offline. */
export function OfflineFields({ policy, errors, onChange }: PolicySectionProps) {
  return (
    <fieldset className="policy-section">
      <legend>Offline devices</legend>
      <ExplainedField
        label="An offline device"
        explain="Defer: it is done when it is seen again, up to the deadline. Skip: it is left out at once. Default: defer."
      >
        {(control) => (
          <select
            {...control}
            value={policy.offlineMode}
            onChange={(e) => onChange({ offlineMode: e.target.value as typeof policy.offlineMode })}
          >
            <option value="defer">is waited for</option>
            <option value="skip">is skipped</option>
          </select>
        )}
      </ExplainedField>
      {policy.offlineMode === 'defer' && (
        <PolicyNumberField
          field={OFFLINE_DEADLINE_FIELD}
          policy={policy}
          errors={errors}
          onChange={onChange}
        />
      )}
    </fieldset>
  );
}
