import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { OperatorNameSchema, type SessionInfo } from '../../../../shared/domain/audit';
import { operatorChangeDismissed, useAudit } from '../../stores/audit-store';
import { chooseOperator } from './audit-intents';

/**
 * "Who is working today?": asked once per session before anything else, prefilled with the last name given
 * on this computer. The first time it cannot be skipped; later (changing the name) it can be canceled.
 */
export function OperatorDialog() {
  const session = useAudit((s) => s.session);
  const isAsking = useAudit((s) => s.isAskingOperator);
  if (!session || !isAsking) return null;
  return <OperatorForm session={session} />;
}

function OperatorForm({ session }: { session: SessionInfo }) {
  const id = useId();
  const [name, setName] = useState(session.operator ?? session.lastOperator ?? '');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const canCancel = session.operator !== null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = OperatorNameSchema.safeParse(name);
    if (!parsed.success) return setError(`Please ${parsed.error.issues[0]?.message ?? 'type your name'}.`);
    setSaving(true);
    setError(await chooseOperator(parsed.data));
    setSaving(false);
  };
  return (
    <div className="modal-backdrop">
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        className="operator-dialog"
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && canCancel) operatorChangeDismissed();
          if (e.key === 'Tab') keepFocusInside(e);
        }}
      >
        <h2 id={`${id}-title`}>Who is working today?</h2>
        <p>
          Your name goes with every change made from now on (jobs, templates, settings), so the audit log and
          the handover report show who did what.
        </p>
        <p>
          This computer: <strong>{session.host}</strong>
        </p>
        <label htmlFor={`${id}-name`}>Your name</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={80}
          autoFocus
          autoComplete="name"
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        {error && (
          <p id={`${id}-error`} role="alert" className="error-text">
            {error}
          </p>
        )}
        <div className="form-buttons">
          <button type="submit" className="primary" disabled={isSaving}>
            {canCancel ? 'Change name' : 'Start working'}
          </button>
          {canCancel && (
            <button type="button" onClick={operatorChangeDismissed}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </div>
  );
}

/** Tab and Shift+Tab go round the question's own controls: the window behind waits for an answer. */
function keepFocusInside(event: KeyboardEvent<HTMLFormElement>): void {
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>('input, button:not(:disabled)')];
  const first = controls[0];
  const last = controls.at(-1);
  const target = event.shiftKey
    ? document.activeElement === first
      ? last
      : null
    : document.activeElement === last
      ? first
      : null;
  if (!target) return;
  event.preventDefault();
  target.focus();
}
