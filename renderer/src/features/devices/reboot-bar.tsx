import { useState } from 'react';
import type { JobPlan, JobSpecInput } from '../../../../shared/domain/job';
import { selectedIds } from '../../stores/selection-store';
import { skipWords } from '../job-runs/skip-words';
import { planReboot, rebootSpec, startReboot } from './reboot-intents';

type Confirming = { spec: JobSpecInput; plan: JobPlan; concurrency: number } | 'planning' | null;

const devices = (n: number) => `${n} device${n === 1 ? '' : 's'}`;

/** "2 skipped (it is offline)": the dry run's skips, so the confirmation states what really happens. */
function skippedWords(plan: JobPlan): string {
  if (plan.skipped === 0) return '';
  const reasons = [...new Set(plan.devices.flatMap((d) => (d.skip ? [skipWords(d.skip.reason)] : [])))];
  return ` ${plan.skipped} skipped (${reasons.join('; ')}).`;
}

/** Batch reboot of the selection, with a concurrency limit, a dry run and an explicit confirmation. */
export function RebootBar({ selectedCount }: { selectedCount: number }) {
  const [concurrency, setConcurrency] = useState(10);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const ask = async () => {
    setConfirming('planning');
    const spec = rebootSpec(selectedIds(), concurrency);
    const plan = await planReboot(spec);
    setConfirming(plan ? { spec, plan, concurrency } : null);
  };
  const start = () => {
    if (confirming === null || confirming === 'planning') return;
    setConfirming(null);
    void startReboot(confirming.spec, confirming.plan);
  };
  return (
    <div className="toolbar">
      <span>{selectedCount} selected</span>
      <label>
        Concurrency{' '}
        <input
          type="number"
          min={1}
          max={500}
          value={concurrency}
          aria-label="Concurrency"
          onChange={(e) => setConcurrency(Math.max(1, Math.min(500, Number(e.target.value) || 1)))}
        />
      </label>
      {confirming !== null && confirming !== 'planning' ? (
        <span role="group" aria-label="Confirm reboot" className="confirm">
          {confirming.plan.runnable === 0
            ? `None of the selected devices can be rebooted.${skippedWords(confirming.plan)}`
            : `Reboot ${devices(confirming.plan.runnable)}, ${confirming.concurrency} at a time?${skippedWords(confirming.plan)}`}
          {confirming.plan.runnable > 0 && (
            <button type="button" className="danger" onClick={start}>
              Confirm reboot
            </button>
          )}
          <button type="button" onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </span>
      ) : (
        <button
          type="button"
          disabled={selectedCount === 0 || confirming === 'planning'}
          onClick={() => void ask()}
        >
          Reboot selected
        </button>
      )}
    </div>
  );
}
