import { useState } from 'react';
import { currentVisibleIds } from '../../selectors/visible-devices';
import { selectedIds, selectionReplaced } from '../../stores/selection-store';
import type { PlannedJob } from '../job-runs/start-job';
import { planReboot, rebootSpec, startReboot } from './reboot-intents';
import { RebootConfirm } from './reboot-confirm';

type Confirming = { planned: PlannedJob; concurrency: number; hiddenIds: string[] } | 'planning' | null;

/** Batch reboot of the selection, with a concurrency limit, a dry run and an explicit confirmation. */
export function RebootBar({ selectedCount }: { selectedCount: number }) {
  const [concurrency, setConcurrency] = useState(10);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const ask = async (ids: string[]) => {
    setConfirming('planning');
    const visible = new Set(currentVisibleIds());
    const planned = await planReboot(rebootSpec(ids, concurrency));
    const hiddenIds = ids.filter((id) => !visible.has(id));
    setConfirming(planned ? { planned, concurrency, hiddenIds } : null);
  };
  const start = () => {
    if (confirming === null || confirming === 'planning') return;
    setConfirming(null);
    void startReboot(confirming.planned);
  };
  /** Deselects the hidden devices and plans again for what is left. */
  const leaveHiddenOut = () => {
    if (confirming === null || confirming === 'planning') return;
    const hidden = new Set(confirming.hiddenIds);
    const kept = selectedIds().filter((id) => !hidden.has(id));
    selectionReplaced(kept);
    if (kept.length === 0) setConfirming(null);
    else void ask(kept);
  };
  return (
    <>
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
        <button
          type="button"
          disabled={selectedCount === 0 || confirming !== null}
          onClick={() => void ask(selectedIds())}
        >
          Reboot selected
        </button>
      </div>
      {confirming !== null && confirming !== 'planning' && (
        <RebootConfirm
          plan={confirming.planned.plan}
          concurrency={confirming.concurrency}
          hiddenIds={confirming.hiddenIds}
          onConfirm={start}
          onLeaveHiddenOut={leaveHiddenOut}
          onCancel={() => setConfirming(null)}
        />
      )}
    </>
  );
}
