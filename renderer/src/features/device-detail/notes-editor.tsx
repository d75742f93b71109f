import { useId, useState, type FormEvent } from 'react';
import { DeviceEditSchema, type DeviceId } from '../../../../shared/domain/device';
import { FieldError } from '../../components/field-error';
import { editDevice } from './device-actions';

/** Free-text notes; mounted once the detail (which carries the notes) has loaded. */
export function NotesEditor({ deviceId, notes }: { deviceId: string; notes: string }) {
  const id = useId();
  const [value, setValue] = useState(notes);
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = DeviceEditSchema.shape.notes.safeParse(value);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    void editDevice({ id: deviceId as DeviceId, notes: parsed.data ?? '' });
  };
  return (
    <form className="notes-form" onSubmit={submit}>
      <label htmlFor={`${id}-notes`} className="section-label">
        Notes
      </label>
      <textarea
        id={`${id}-notes`}
        rows={4}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setValue(e.target.value)}
      />
      <FieldError id={`${id}-error`} message={error} />
      <button type="submit" disabled={value === notes}>
        Save notes
      </button>
    </form>
  );
}
