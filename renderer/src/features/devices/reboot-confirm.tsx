import type { JobPlan } from '../../../../shared/domain/job';
import { skipWords } from '../job-runs/skip-words';

const devices = (n: number) => `${n} device${n === 1 ? '' : 's'}`;

/** "2 skipped (it is offline)": the dry run's skips, so the confirmation states what really happens. */
function skippedWords(plan: JobPlan): string {
  if (plan.skipped === 0) return '';
  const reasons = [...new Set(plan.devices.flatMap((d) => (d.skip ? [skipWords(d.skip.reason)] : [])))];
  return ` ${plan.skipped} skipped (${reasons.join('; ')}).`;
}

interface RebootConfirmProps {
  plan: JobPlan;
  concurrency: number;
  /** Selected devices the inventory's filter or group hides right now. */
  hiddenIds: readonly string[];
  onConfirm: () => void;
  onLeaveHiddenOut: () => void;
  onCancel: () => void;
}

/** Exactly the devices the reboot touches, by name, and the selected ones the filter hides. */
export function RebootConfirm(props: RebootConfirmProps) {
  const { plan, concurrency, hiddenIds } = props;
  const touched = plan.devices.filter((d) => !d.skip);
  const hidden = new Set(hiddenIds);
  const hiddenTouched = touched.filter((d) => hidden.has(d.deviceId));
  return (
    <div role="group" aria-label="Confirm reboot" className="confirm reboot-confirm">
      <p>
        {plan.runnable === 0
          ? `None of the selected devices can be rebooted.${skippedWords(plan)}`
          : `Reboot ${devices(plan.runnable)}, ${concurrency} at a time?${skippedWords(plan)}`}
      </p>
      {touched.length > 0 && (
        <ul aria-label="Devices to reboot" className="reboot-list">
          {touched.map((d) => (
            <li key={d.deviceId} data-device-id={d.deviceId}>
              {d.deviceName}
              {hidden.has(d.deviceId) ? ' (hidden by the filter)' : ''}
            </li>
          ))}
        </ul>
      )}
      {hiddenTouched.length > 0 && (
        <p role="note" className="hidden-selected" data-testid="hidden-selected">
          {hiddenTouched.length === 1
            ? '1 selected device is hidden by the filter and will be rebooted too: '
            : `${hiddenTouched.length} selected devices are hidden by the filter and will be rebooted too: `}
          {hiddenTouched.map((d) => d.deviceName).join(', ')}.{' '}
          <button type="button" onClick={props.onLeaveHiddenOut}>
            Leave {hiddenTouched.length === 1 ? 'it' : 'them'} out
          </button>
        </p>
      )}
      <span className="form-buttons">
        {plan.runnable > 0 && (
          <button type="button" className="danger" onClick={props.onConfirm}>
            Confirm reboot
          </button>
        )}
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </span>
    </div>
  );
}
