import { useState, type FormEvent } from 'react';
import type { SyncTargetKind, SyncTargetSettings } from '../../../../shared/domain/sync';
import { FormField } from '../../components/form-field';
import { useSync } from '../../stores/sync-store';
import { saveSyncTarget } from './sync-intents';
import { KIND_LABEL, newTargetWords } from './sync-words';
import { SyncTargetFields } from './sync-target-fields';
import {
  toSyncTargetSave,
  valuesOf,
  type SyncTargetErrors,
  type SyncTargetValues,
} from './sync-target-values';

/** Add or edit a target. Secrets are write-only: main only says whether one is stored. */
export function SyncTargetForm({ target, onDone }: { target?: SyncTargetSettings; onDone: () => void }) {
  const [values, setValues] = useState<SyncTargetValues>(() => valuesOf(target, target?.kind ?? 'mqtt'));
  const [errors, setErrors] = useState<SyncTargetErrors>({});
  const kept = useSync((s) => s.status?.kept);
  const set = (patch: Partial<SyncTargetValues>) => setValues((v) => ({ ...v, ...patch }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = toSyncTargetSave(values, target?.id);
    if ('errors' in result) return setErrors(result.errors);
    setErrors({});
    if (await saveSyncTarget(result.save)) onDone();
  };
  return (
    <form
      className="sync-target-form"
      aria-label={target ? `Edit ${target.name}` : 'New sync target'}
      onSubmit={(e) => void submit(e)}
    >
      {!target && (
        <FormField label="Kind">
          {(field) => (
            <select
              {...field}
              value={values.kind}
              onChange={(e) =>
                setValues((v) => ({ ...valuesOf(undefined, e.target.value as SyncTargetKind), name: v.name }))
              }
            >
              {(Object.keys(KIND_LABEL) as SyncTargetKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABEL[kind]}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      <FormField label="Name" error={errors.name}>
        {(field) => <input {...field} value={values.name} onChange={(e) => set({ name: e.target.value })} />}
      </FormField>
      <SyncTargetFields values={values} errors={errors} stored={target} onChange={set} />
      <label>
        <input
          type="checkbox"
          checked={values.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
        />
        Enabled
      </label>
      {!target && kept !== undefined && (
        <p className="hint" data-testid="sync-new-target-receives">
          {newTargetWords(kept)}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit">Save target</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
