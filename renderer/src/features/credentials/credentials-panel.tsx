import { useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { useCredentialSets, useCredentialsLoaded } from '../../stores/credentials-store';
import { CredentialAssign } from './credential-assign';
import { CredentialForm } from './credential-form';
import { deleteCredentialSet } from './credential-intents';

/** Logins Fieldbatch uses for devices: per site (the default) or per device. Passwords are never shown. */
export function CredentialsPanel() {
  const sets = useCredentialSets();
  const isLoaded = useCredentialsLoaded();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  return (
    <section className="panel credentials-panel" aria-labelledby="credentials-title">
      <header className="panel-header">
        <h2 id="credentials-title">Credential sets</h2>
      </header>
      <p className="hint">
        Passwords go to the secret store of the machine running Fieldbatch and never come back to this screen.
      </p>
      {isLoaded && sets.length === 0 && <p className="empty">No credential sets yet.</p>}
      {sets.length > 0 && (
        <table className="grid" aria-label="Credential sets">
          <thead>
            <tr>
              <th>Name</th>
              <th>User</th>
              <th>Password</th>
              <th>Site default</th>
              <th>Devices</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sets.map((set) => (
              <tr key={set.id} data-credential-id={set.id}>
                <td>{set.name}</td>
                <td className="mono">{set.username}</td>
                <td>stored</td>
                <td>{set.siteDefault ? 'yes' : ''}</td>
                <td>{set.deviceCount}</td>
                <td>
                  <span className="row-actions">
                    <button
                      type="button"
                      className="link"
                      aria-label={`Edit ${set.name}`}
                      onClick={() => setEditing(set.id)}
                    >
                      Edit
                    </button>
                    <ConfirmAction
                      label="Delete"
                      ariaLabel={`Delete ${set.name}`}
                      question={
                        set.deviceCount > 0
                          ? `Delete ${set.name}? ${set.deviceCount} device${set.deviceCount === 1 ? '' : 's'} go back to the site default.`
                          : `Delete ${set.name}?`
                      }
                      confirmLabel="Delete set"
                      onConfirm={() => void deleteCredentialSet(set.id)}
                    />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing !== null && editing !== 'new' && (
        <CredentialForm
          key={editing}
          set={sets.find((s) => s.id === editing)}
          onDone={() => setEditing(null)}
        />
      )}
      {editing === 'new' ? (
        <CredentialForm onDone={() => setEditing(null)} />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          New credential set
        </button>
      )}
      <CredentialAssign />
    </section>
  );
}
