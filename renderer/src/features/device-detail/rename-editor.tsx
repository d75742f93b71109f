import { useId, useState, type FormEvent } from 'react';
import { DeviceEditSchema, type DeviceId, type DeviceSummary } from '../../../../shared/domain/device';
import { FieldError } from '../../components/field-error';
import { editDevice } from './device-actions';

/** The technician's name for the device; an empty name (or "Use reported name") restores the reported one. */
export function RenameEditor({ device }: { device: DeviceSummary }) {
  const id = useId();
  const [value, setValue] = useState(device.customName ?? '');
  const [error, setError] = useState<string | undefined>();
  const save = (customName: string | null) => {
    const parsed = DeviceEditSchema.shape.customName.safeParse(customName);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    void editDevice({ id: device.id as DeviceId, customName: parsed.data ?? null });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save(value.trim() === '' ? null : value);
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Rename">
      <label htmlFor={`${id}-name`}>Custom name</label>
      <input
        id={`${id}-name`}
        value={value}
        placeholder={device.customName === null ? (device.name ?? 'reported name') : 'reported name'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit">Save name</button>
      {device.customName !== null && (
        <button
          type="button"
          className="link"
          onClick={() => {
            setValue('');
            save(null);
          }}
        >
          Use reported name
        </button>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </form>
  );
}
