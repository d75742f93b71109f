import type { JobPolicy } from '../../../../shared/domain/job';

interface Props {
  policy: JobPolicy;
  onChange: (policy: JobPolicy) => void;
}

/** A whole number typed in a field, kept within the contract's limits (main checks again). */
function whole(value: string, min: number, max: number): number {
  const n = Math.round(Number(value));
  return Number.isFinite(n) ? Math.max(min, Math.min(max, n)) : min;
}

/** The settings a retry most often changes: canary, gate, concurrency, retries; the rest stay as they were. */
export function RetryPolicyFields({ policy, onChange }: Props) {
  const canaryCount = policy.canary?.count ?? null;
  return (
    <fieldset className="policy-section retry-policy" aria-label="Retry policy">
      <legend>Policy (from the old run; change what you need)</legend>
      <label>
        Canary{' '}
        <select
          aria-label="Canary"
          value={policy.canary === null ? 'none' : 'count'}
          onChange={(e) =>
            onChange({ ...policy, canary: e.target.value === 'none' ? null : { count: canaryCount ?? 1 } })
          }
        >
          <option value="none">none</option>
          <option value="count">a number of devices first</option>
        </select>
        {policy.canary !== null && (
          <input
            aria-label="Canary devices"
            type="number"
            min={1}
            value={canaryCount ?? ''}
            onChange={(e) => onChange({ ...policy, canary: { count: whole(e.target.value, 1, 1000) } })}
          />
        )}
      </label>
      <label>
        Gate: succeeded at least{' '}
        <input
          aria-label="Gate success percent"
          type="number"
          min={0}
          max={100}
          value={policy.waveGate.successPercent}
          onChange={(e) =>
            onChange({
              ...policy,
              waveGate: { ...policy.waveGate, successPercent: whole(e.target.value, 0, 100) },
            })
          }
        />{' '}
        %, next wave{' '}
        <select
          aria-label="Next wave starts"
          value={policy.waveGate.advance}
          onChange={(e) =>
            onChange({
              ...policy,
              waveGate: { ...policy.waveGate, advance: e.target.value as 'auto' | 'manual' },
            })
          }
        >
          <option value="auto">automatically</option>
          <option value="manual">on a click</option>
        </select>
      </label>
      <label>
        Devices at the same time{' '}
        <input
          aria-label="Concurrency"
          type="number"
          min={1}
          max={500}
          value={policy.concurrency}
          onChange={(e) => onChange({ ...policy, concurrency: whole(e.target.value, 1, 500) })}
        />
      </label>
      <label>
        Retries per device{' '}
        <input
          aria-label="Retries per device"
          type="number"
          min={0}
          max={10}
          value={policy.retries.max}
          onChange={(e) =>
            onChange({ ...policy, retries: { ...policy.retries, max: whole(e.target.value, 0, 10) } })
          }
        />
      </label>
    </fieldset>
  );
}
