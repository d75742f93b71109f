import { useId, useState, type FormEvent } from 'react';
import { FieldError } from '../../components/field-error';
import { useDiscovery } from '../../stores/discovery-store';
import { openDevice } from '../device-detail/device-actions';
import { addManualDevice } from './discovery-actions';
import { parseHostPort } from './host-port';

function ManualAddOutcome() {
  const outcome = useDiscovery((s) => s.manualAdd);
  switch (outcome.state) {
    case 'idle':
      return null;
    case 'adding':
      return <p role="status">Probing {outcome.address}…</p>;
    case 'added':
      return (
        <p role="status" data-testid="manual-add-result">
          Added {outcome.label} ({outcome.address}){' '}
          <button type="button" className="link" onClick={() => void openDevice(outcome.deviceId)}>
            Show
          </button>
        </p>
      );
    case 'failed':
      return (
        <p role="alert" className="error-text" data-testid="manual-add-result">
          {outcome.address}: {outcome.error}
        </p>
      );
  }
}

/** Add one device by address: main probes it with every known family. */
export function ManualAddForm() {
  const id = useId();
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | undefined>();
  const isAdding = useDiscovery((s) => s.manualAdd.state === 'adding');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseHostPort(address);
    if ('error' in parsed) return setError(parsed.error);
    setError(undefined);
    void addManualDevice(parsed.request);
  };
  return (
    <section className="discovery-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Add by address</h3>
      <form className="inline-form" onSubmit={submit}>
        <input
          aria-label="Host or IP[:port]"
          placeholder="198.51.100.40 or 198.51.100.40:8080"
          value={address}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setAddress(e.target.value)}
        />
        <button type="submit" disabled={isAdding}>
          Add device
        </button>
        <FieldError id={`${id}-error`} message={error} />
      </form>
      <ManualAddOutcome />
    </section>
  );
}
