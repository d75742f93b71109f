import { useId, useState, type FormEvent } from 'react';
import { SerialProbeRequestSchema } from '../../../../shared/domain/discovery';
import { FieldError } from '../../components/field-error';
import { probeSerialPort } from './discovery-actions';

/** PTYs and other ports the OS does not list: probe a path typed by hand. */
export function ProbePathForm() {
  const id = useId();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = SerialProbeRequestSchema.safeParse({ path });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message);
    setError(undefined);
    void probeSerialPort(parsed.data.path);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <input
        aria-label="Serial port path"
        placeholder="/dev/pts/3"
        value={path}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setPath(e.target.value)}
      />
      <button type="submit">Probe port</button>
      <FieldError id={`${id}-error`} message={error} />
    </form>
  );
}
