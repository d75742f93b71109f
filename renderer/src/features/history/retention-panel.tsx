import { useId, useState, type FormEvent } from 'react';
import { FieldError } from '../../components/field-error';
import type { HistoryUsage, RetentionSettings } from '../../../../shared/domain/history';
import { formatDateTime } from '../../components/time-ago';
import { useHistory } from '../../stores/history-store';
import { formatBytes } from '../firmware/format-bytes';
import { saveRetention } from './history-intents';

const toField = (value: number | null) => (value === null ? '' : String(value));
/** Empty means no limit; otherwise a whole number ≥ 1 (main checks the bounds again). */
function fromField(value: string): number | null | 'bad' {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 'bad';
}

/** "1 file", "2 files". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const BAD_NUMBER = 'A whole number of at least 1, or empty for no limit.';

function UsageFacts({ usage }: { usage: HistoryUsage }) {
  return (
    <dl className="history-usage" data-testid="history-usage">
      <dt>Database</dt>
      <dd>
        {formatBytes(usage.databaseBytes)}
        {usage.freeBytes > 0 && (
          <span className="muted"> ({formatBytes(usage.freeBytes)} free for reuse)</span>
        )}
      </dd>
      <dt>Snapshots</dt>
      <dd>
        {formatBytes(usage.artifactBytes)} in {plural(usage.artifacts, 'file')}
      </dd>
      <dt>Runs</dt>
      <dd>
        {usage.runs} ({usage.unfinishedRuns} not finished) · {plural(usage.executions, 'device run')}
        {usage.oldestRunAt !== null && <> · oldest {formatDateTime(usage.oldestRunAt)}</>}
      </dd>
      {usage.heldForSync > 0 && (
        <>
          <dt>Kept for sync</dt>
          <dd>
            {usage.heldForSync === 1
              ? '1 finished run waits to be delivered before it can be deleted'
              : `${usage.heldForSync} finished runs wait to be delivered before they can be deleted`}
          </dd>
        </>
      )}
      {usage.lastRetention && (
        <>
          <dt>Last clean-up</dt>
          <dd>
            {formatDateTime(usage.lastRetention.at)}:{' '}
            {usage.lastRetention.runsDeleted + usage.lastRetention.artifactsDeleted === 0
              ? 'nothing to delete'
              : `${plural(usage.lastRetention.runsDeleted, 'run')} and ${plural(usage.lastRetention.artifactsDeleted, 'snapshot')} deleted (${formatBytes(usage.lastRetention.bytesFreed)})`}
          </dd>
        </>
      )}
    </dl>
  );
}

function RetentionForm({ retention }: { retention: RetentionSettings }) {
  const id = useId();
  const [days, setDays] = useState(toField(retention.keepDays));
  const [mb, setMb] = useState(toField(retention.maxArtifactMb));
  const keepDays = fromField(days);
  const maxArtifactMb = fromField(mb);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (keepDays !== 'bad' && maxArtifactMb !== 'bad') void saveRetention({ keepDays, maxArtifactMb });
    // Save stays pressable: a wrong field gets the focus, its message is beside it.
    else event.currentTarget.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  };
  return (
    <form onSubmit={submit} aria-label="Retention" className="retention-form">
      <label>
        Keep finished runs for (days)
        <input
          inputMode="numeric"
          value={days}
          placeholder="forever"
          aria-invalid={keepDays === 'bad'}
          aria-describedby={keepDays === 'bad' ? `${id}-days` : undefined}
          onChange={(e) => setDays(e.target.value)}
        />
        <FieldError id={`${id}-days`} message={keepDays === 'bad' ? BAD_NUMBER : undefined} />
      </label>
      <label>
        Keep snapshots up to (MB)
        <input
          inputMode="numeric"
          value={mb}
          placeholder="no limit"
          aria-invalid={maxArtifactMb === 'bad'}
          aria-describedby={maxArtifactMb === 'bad' ? `${id}-mb` : undefined}
          onChange={(e) => setMb(e.target.value)}
        />
        <FieldError id={`${id}-mb`} message={maxArtifactMb === 'bad' ? BAD_NUMBER : undefined} />
      </label>
      <button type="submit" className="primary">
        Save and apply
      </button>
      <p className="muted">Runs still running or paused are never deleted. Applied now and at every start.</p>
    </form>
  );
}

/** How long history is kept, and how much room it takes. */
export function RetentionPanel() {
  const retention = useHistory((s) => s.retention);
  const usage = useHistory((s) => s.usage);
  return (
    <section className="history-retention" aria-labelledby="history-retention-title">
      <h2 id="history-retention-title">Retention</h2>
      {usage ? <UsageFacts usage={usage} /> : <p className="empty">Loading…</p>}
      {retention && (
        <RetentionForm key={`${retention.keepDays}:${retention.maxArtifactMb}`} retention={retention} />
      )}
    </section>
  );
}
