import { useId, useState, type FormEvent } from 'react';
import type { DeviceSummary } from '../../../../shared/domain/device';
import { useCredentialSets, useCredentialsLoaded } from '../../stores/credentials-store';
import { showCredentials } from '../credentials/credential-intents';
import { runDeviceAction } from './device-action-intents';

const DISABLE = 'disable';

/** Sets the device password (Shelly auth, Tasmota web password) from a credential set, or turns it off. */
export function SetPasswordForm({ device, onDone }: { device: DeviceSummary; onDone: () => void }) {
  const id = useId();
  const sets = useCredentialSets();
  const isLoaded = useCredentialsLoaded();
  const [choice, setChoice] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (choice === '') return;
    onDone();
    void runDeviceAction(device, {
      action: 'set-password',
      credentialSetId: choice === DISABLE ? null : choice,
    });
  };
  return (
    <form className="action-form" aria-label="Set password" onSubmit={submit}>
      <label htmlFor={`${id}-set`}>Password from</label>
      <select id={`${id}-set`} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">choose…</option>
        {sets.map((set) => (
          <option key={set.id} value={set.id}>
            {set.name} (user {set.username}){set.siteDefault ? ' · site default' : ''}
          </option>
        ))}
        <option value={DISABLE}>No password: turn authentication off</option>
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
