import { useId, useState, type FormEvent } from 'react';
import type { DeviceSummary } from '../../../../shared/domain/device';
import { TypedNameConfirmation } from '../../components/typed-name-confirmation';
import { actionJobName, runDeviceAction } from './device-action-intents';

/** Tasmota `Reset 1..6` (PROTOCOLS.md §2.4): what each level erases. */
export const TASMOTA_RESET_LEVELS: readonly { level: number; erases: string }[] = [
  { level: 1, erases: 'Settings back to firmware defaults, then restart (Wi-Fi and MQTT settings too).' },
  { level: 2, erases: 'Erase the whole flash, settings back to defaults, then restart.' },
  { level: 3, erases: 'Erase the SDK / Wi-Fi calibration area, then restart.' },
  { level: 4, erases: 'Settings back to defaults but keep Wi-Fi, then restart.' },
  { level: 5, erases: 'Erase all flash but keep Wi-Fi, then restart.' },
  {
    level: 6,
    erases: 'Erase all flash but keep Wi-Fi and MQTT (host, user, password, topic, port), then restart.',
  },
];

interface ResetLevelChoiceProps {
  /** Radio group name, unique on the page. */
  name: string;
  level: number | null;
  onChange: (level: number) => void;
}

/** Tasmota needs the reset level chosen explicitly; each option says what it erases. */
export function ResetLevelChoice({ name, level, onChange }: ResetLevelChoiceProps) {
  return (
    <fieldset>
      <legend>Reset level</legend>
      {TASMOTA_RESET_LEVELS.map((l) => (
        <label key={l.level} className="radio-row">
          <input
            type="radio"
            name={name}
            value={l.level}
            checked={level === l.level}
            onChange={() => onChange(l.level)}
          />
          <span>
            <strong>Reset {l.level}</strong>: {l.erases}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Factory reset cannot be undone: the technician types the job's name (what main checks before it starts a
 * destructive job), and for Tasmota chooses the reset level explicitly. The button stays disabled until both
 * are done.
 */
export function FactoryResetForm({ device, onDone }: { device: DeviceSummary; onDone: () => void }) {
  const id = useId();
  const isTasmota = device.family === 'tasmota';
  const [typed, setTyped] = useState('');
  const [level, setLevel] = useState<number | null>(null);
  const step = {
    action: 'factory-reset' as const,
    ...(isTasmota && level !== null ? { tasmotaLevel: level } : {}),
  };
  const jobName = actionJobName(device, step);
  const isNameTyped = typed.trim() === jobName;
  const isReady = isNameTyped && (!isTasmota || level !== null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isReady) return;
    onDone();
    void runDeviceAction(device, step, typed.trim());
  };
  return (
    <form className="action-form danger-zone" aria-label="Factory reset" onSubmit={submit}>
      <p>
        {isTasmota
          ? 'Resets the device as chosen below. This cannot be undone.'
          : 'Erases every setting on the device, Wi-Fi included: it restarts as a fresh device with its own access point and may not come back on this network. This cannot be undone.'}
      </p>
      {isTasmota && <ResetLevelChoice name={`${id}-level`} level={level} onChange={setLevel} />}
      <TypedNameConfirmation id={`${id}-name`} name={jobName} typed={typed} onChange={setTyped} />
      <div className="form-buttons">
        <button type="submit" className="danger" disabled={!isReady}>
          Factory reset
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
