import { useId, useState } from 'react';
import { deviceLabel } from '../../../../shared/domain/device';
import { useCredentialSets } from '../../stores/credentials-store';
import { useDevicesById } from '../../stores/devices-store';
import { useSelection } from '../../stores/selection-store';
import { viewChosen } from '../../stores/ui-store';
import { assignCredentialSet } from './credential-intents';

const SHOWN_NAMES = 5;

/** Gives the devices selected in the inventory a set of their own, or sends them back to the site default. */
export function CredentialAssign() {
  const id = useId();
  const sets = useCredentialSets();
  const selection = useSelection((s) => s.selection);
  const devices = useDevicesById();
  const selected = Object.keys(selection);
  const [setId, setSetId] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const names = selected.slice(0, SHOWN_NAMES).map((d) => {
    const device = devices.get(d);
    return device ? deviceLabel(device) : d;
  });
  const assign = async (credentialSetId: string | null) => {
    const assigned = await assignCredentialSet(selected, credentialSetId);
    if (assigned === null) return;
    const target =
      credentialSetId === null ? 'the site default' : sets.find((s) => s.id === credentialSetId)?.name;
    setOutcome(
      `${assigned} device${assigned === 1 ? '' : 's'} now use${assigned === 1 ? 's' : ''} ${target}.`,
    );
  };
  return (
    <section className="discovery-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Assign to devices</h3>
      {selected.length === 0 ? (
        <p className="empty">
          Select devices in the{' '}
          <button type="button" className="link" onClick={() => viewChosen('inventory')}>
            Inventory
          </button>{' '}
          first.
        </p>
      ) : (
        <>
          <p data-testid="assign-targets">
            {selected.length} selected: {names.join(', ')}
            {selected.length > SHOWN_NAMES ? ', …' : ''}
          </p>
          <div className="inline-form">
            <label htmlFor={`${id}-set`}>Credential set</label>
            <select id={`${id}-set`} value={setId} onChange={(e) => setSetId(e.target.value)}>
              <option value="">choose…</option>
              {sets.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <button type="button" disabled={setId === ''} onClick={() => void assign(setId)}>
              Assign to selected
            </button>
            <button type="button" onClick={() => void assign(null)}>
              Back to site default
            </button>
          </div>
        </>
      )}
      {outcome && (
        <p role="status" data-testid="assign-outcome">
          {outcome}
        </p>
      )}
    </section>
  );
}
