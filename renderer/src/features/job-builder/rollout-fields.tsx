import { ExplainedField } from '../../components/explained-field';
import { errorAt } from './job-draft';
import { PolicyNumberField, type PolicySectionProps } from './policy-number-field';
import { GATE_FIELD } from './policy-fields';

/** Canary, waves and the gate between them. */
export function RolloutFields({ policy, errors, onChange }: PolicySectionProps) {
  return (
    <fieldset className="policy-section">
      <legend>Rollout</legend>
      <ExplainedField
        label="Canary"
        explain="A first wave on its own, to catch a bad change on a few devices. Default: none."
        error={errorAt(errors, 'policy.canary')}
      >
        {(control) => (
          <span className="inline-form">
            <select
              {...control}
              value={policy.canary}
              onChange={(e) => onChange({ canary: e.target.value as typeof policy.canary })}
            >
              <option value="none">none</option>
              <option value="count">a number of devices</option>
              <option value="percent">a percent of the devices</option>
            </select>
            {policy.canary !== 'none' && (
              <input
                aria-label={policy.canary === 'count' ? 'Canary devices' : 'Canary percent'}
                inputMode="decimal"
                value={policy.canaryValue}
                onChange={(e) => onChange({ canaryValue: e.target.value })}
              />
            )}
          </span>
        )}
      </ExplainedField>
      <ExplainedField
        label="Waves"
        explain="After the canary, waves of these sizes (or percents of the rest), comma-separated; what remains is one more wave. Default: one wave."
        error={errorAt(errors, 'policy.waves')}
      >
        {(control) => (
          <span className="inline-form">
            <select
              {...control}
              value={policy.waves}
              onChange={(e) => onChange({ waves: e.target.value as typeof policy.waves })}
            >
              <option value="rest">all the rest in one wave</option>
              <option value="sizes">by size</option>
              <option value="percents">by percent</option>
            </select>
            {policy.waves !== 'rest' && (
              <input
                aria-label={policy.waves === 'sizes' ? 'Wave sizes' : 'Wave percents'}
                placeholder={policy.waves === 'sizes' ? 'e.g. 10, 50' : 'e.g. 10, 30'}
                value={policy.waveValues}
                onChange={(e) => onChange({ waveValues: e.target.value })}
              />
            )}
          </span>
        )}
      </ExplainedField>
      <PolicyNumberField field={GATE_FIELD} policy={policy} errors={errors} onChange={onChange} />
      <ExplainedField
        label="Next wave starts"
        explain="Automatically once the gate is met, or only when you click “Next wave”. Default: automatically."
      >
        {(control) => (
          <select
            {...control}
            value={policy.gateAdvance}
            onChange={(e) => onChange({ gateAdvance: e.target.value as typeof policy.gateAdvance })}
          >
            <option value="auto">automatically</option>
            <option value="manual">on a click</option>
          </select>
        )}
      </ExplainedField>
    </fieldset>
  );
}
