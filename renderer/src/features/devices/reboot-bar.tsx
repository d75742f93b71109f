import { useState } from 'react';
import { selectedIds } from '../../stores/selection-store';
import { startRebootJob } from '../job-runs/job-actions';

/** Batch reboot of the selection, with a concurrency limit and an explicit confirmation. */
export function RebootBar({ selectedCount }: { selectedCount: number }) {
  const [concurrency, setConcurrency] = useState(10);
  const [confirming, setConfirming] = useState(false);
  const start = () => {
    setConfirming(false);
    void startRebootJob(selectedIds(), concurrency);
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
      {confirming ? (
        <span role="group" aria-label="Confirm reboot" className="confirm">
          Reboot {selectedCount} device{selectedCount === 1 ? '' : 's'}, {concurrency} at a time?
          <button type="button" className="danger" onClick={start}>
            Confirm reboot
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" disabled={selectedCount === 0} onClick={() => setConfirming(true)}>
          Reboot selected
        </button>
      )}
    </div>
  );
}
