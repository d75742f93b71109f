import { useId, useState, type FormEvent } from 'react';
import type { DeviceSummary } from '../../../../shared/domain/device';
import { useCredentialSets, useCredentialsLoaded } from '../../stores/credentials-store';
import { showCredentials } from '../credentials/credential-intents';
import { runDeviceAction } from './device-action-intents';
import { credentialSetIdOf, NO_PASSWORD } from './password-choice';

/** Which credential set's password to set, or none; `choice` is '' until one is picked. */
export function CredentialChoice({
  choice,
  onChange,
}: {
  choice: string;
  onChange: (choice: string) => void;
}) {
  const id = useId();
  const sets = useCredentialSets();
  const isLoaded = useCredentialsLoaded();
  return (
    <>
      <label htmlFor={`${id}-set`}>Password from</label>
      <select id={`${id}-set`} value={choice} onChange={(e) => onChange(e.target.value)}>
        <option value="">choose…</option>
        {sets.map((set) => (
          <option key={set.id} value={set.id}>
            {set.name} (user {set.username}){set.siteDefault ? ' · site default' : ''}
          </option>
        ))}
        <option value={NO_PASSWORD}>No password: turn authentication off</option>
      </select>
      {isLoaded && sets.length === 0 && (
        <p className="hint">
          No credential sets yet.{' '}
          <button type="button" className="link" onClick={() => void showCredentials()}>
            Create one
          </button>
        </p>
      )}
      <p className="hint">
        Fieldbatch logs in to a device with the set assigned to it, else the site default: assign this set to
        the device on the Credentials screen if it is neither.
      </p>
    </>
  );
}

/** Sets the device password (Shelly auth, Tasmota web password) from a credential set, or turns it off. */
export function SetPasswordForm({ device, onDone }: { device: DeviceSummary; onDone: () => void }) {
  const [choice, setChoice] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (choice === '') return;
    onDone();
    void runDeviceAction(device, { action: 'set-password', credentialSetId: credentialSetIdOf(choice) });
  };
  return (
    <form className="action-form" aria-label="Set password" onSubmit={submit}>
      <CredentialChoice choice={choice} onChange={setChoice} />
      <div className="form-buttons">
        <button type="submit" disabled={choice === ''}>
          Set password
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
