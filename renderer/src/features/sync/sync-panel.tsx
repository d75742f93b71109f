import { useState } from 'react';
import type { SyncTargetSettings, SyncTargetStatus } from '../../../../shared/domain/sync';
import { ConfirmAction } from '../../components/confirm-action';
import { formatDateTime } from '../../components/time-ago';
import { useSync } from '../../stores/sync-store';
import { useNow } from '../job-runs/use-now';
import { removeSyncTarget, syncNow } from './sync-intents';
import { SyncTargetForm } from './sync-target-form';
import { syncErrorWords } from './sync-error-words';
import { KIND_LABEL, removeWords, targetStateWords, totalWords } from './sync-words';

function TargetCard({
  target,
  status,
  now,
  onEdit,
}: {
  target: SyncTargetSettings;
  status: SyncTargetStatus | undefined;
  now: number;
  onEdit: () => void;
}) {
  const state = status?.state ?? (target.enabled ? 'idle' : 'disabled');
  const lastError = status?.lastError ?? null;
  // While waiting to retry, the state line already says why: the Last error line would only repeat it.
  const errorShownAbove = state === 'waiting' && lastError !== null;
  return (
    <article
      className="sync-card"
      data-sync-target={target.id}
      data-sync-state={state}
      aria-label={target.name}
    >
      <header>
        <h3>{target.name}</h3>
        <span className="sync-kind">{KIND_LABEL[target.kind]}</span>
      </header>
      <p className="sync-state" data-testid="sync-state" title={errorShownAbove ? lastError : undefined}>
        {status ? targetStateWords(status, now) : 'Not started yet'}
      </p>
      <dl className="sync-facts">
        <dt>Waiting</dt>
        <dd data-testid="sync-pending">{status?.pending ?? 0}</dd>
        <dt>Last success</dt>
        <dd>{formatDateTime(status?.lastSuccessAt ?? null)}</dd>
        {!errorShownAbove && (
          <>
            <dt>Last error</dt>
            <dd
              data-testid="sync-last-error"
              className={lastError ? 'sync-error' : undefined}
              title={lastError ?? undefined}
            >
              {lastError ? syncErrorWords(lastError) : '—'}
            </dd>
          </>
        )}
      </dl>
      <div className="row-actions">
        <button type="button" className="link" aria-label={`Edit ${target.name}`} onClick={onEdit}>
          Edit
        </button>
        <ConfirmAction
          label="Remove"
          ariaLabel={`Remove ${target.name}`}
          question={
            <span className="sync-remove-question">{removeWords(target.name, status?.pending ?? 0)}</span>
          }
          confirmLabel="Remove target"
          onConfirm={() => void removeSyncTarget(target.id)}
        />
      </div>
    </article>
  );
}

/** Where results go once there is a network: each target's state in plain words, "Sync now", and its settings. */
export function SyncPanel() {
  const targets = useSync((s) => s.targets);
  const status = useSync((s) => s.status);
  const isLoaded = useSync((s) => s.isLoaded);
  const isSyncing = useSync((s) => s.isSyncing);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const now = useNow(true);
  const byId = new Map(status?.targets.map((t) => [t.id, t]));
  return (
    <section className="panel sync-panel" aria-labelledby="sync-title">
      <header className="panel-header">
        <h2 id="sync-title">Sync</h2>
        <span className="sync-total" data-testid="sync-total">
          {status ? totalWords(status) : ''}
        </span>
        <button type="button" disabled={isSyncing || targets.length === 0} onClick={() => void syncNow()}>
          {isSyncing ? 'Syncing…' : 'Sync now'}
        </button>
      </header>
      <p className="hint">
        Results wait on this computer until a target confirms it has them. Passwords, tokens and keys go to
        the secret store and never come back to this screen.
      </p>
      {isLoaded && targets.length === 0 && (
        <p className="empty">No sync targets yet: results stay on this computer.</p>
      )}
      <div className="sync-cards">
        {targets.map((target) =>
          editing === target.id ? (
            <SyncTargetForm key={target.id} target={target} onDone={() => setEditing(null)} />
          ) : (
            <TargetCard
              key={target.id}
              target={target}
              status={byId.get(target.id)}
              now={now}
              onEdit={() => setEditing(target.id)}
            />
          ),
        )}
      </div>
      {editing === 'new' ? (
        <SyncTargetForm onDone={() => setEditing(null)} />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          Add sync target
        </button>
      )}
    </section>
  );
}
