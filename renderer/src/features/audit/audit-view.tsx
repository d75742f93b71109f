import { useId, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { AuditEntry } from '../../../../shared/domain/audit';
import { auditFiltersChanged, EMPTY_AUDIT_FILTERS, useAudit } from '../../stores/audit-store';
import { jobsStore } from '../../stores/jobs-store';
import { loadAudit, loadOlderAudit, verifyAudit } from './audit-intents';
import { formatDateTime } from '../../components/time-ago';
import { ACTION_FILTERS, actionWords, detailWords, timeZoneWords, verificationWords } from './audit-words';

/** Who did what, when and where: the append-only log, its chain's state, filters and older pages. */
export function AuditView() {
  const entries = useAudit((s) => s.entries);
  const hasOlder = useAudit((s) => s.nextBeforeSeq !== null);
  const badSeq = useAudit((s) => (s.verification?.ok === false ? s.verification.firstBadSeq : null));
  return (
    <section className="panel audit-view" aria-labelledby="audit-title">
      <header className="panel-header">
        <h2 id="audit-title">Audit log</h2>
        <span className="muted audit-zone">{timeZoneWords()}</span>
      </header>
      <ChainState />
      <AuditFiltersForm />
      {entries.length === 0 ? (
        <p className="empty">No entries match.</p>
      ) : (
        <table className="grid audit-table" aria-label="Audit entries">
          <thead>
            <tr>
              <th>#</th>
              <th>Time</th>
              <th>Operator</th>
              <th>Action</th>
              <th>On</th>
              <th>Details</th>
              <th>Computer</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr
                key={e.seq}
                data-audit-seq={e.seq}
                data-outcome={e.outcome}
                className={e.seq === badSeq ? 'audit-row-bad' : undefined}
                title={e.seq === badSeq ? 'The chain breaks here: this entry was edited or moved' : undefined}
              >
                <td className="mono">{e.seq}</td>
                <td className="nowrap">{formatDateTime(e.at)}</td>
                <td>{e.operator ?? <span className="muted">not named</span>}</td>
                <td>
                  {actionWords(e.action)}
                  {e.outcome === 'failed' && <span className="badge badge-failed">refused</span>}
                </td>
                <td className="audit-target">
                  <AuditTarget entry={e} />
                </td>
                <td className="audit-details">{detailWords(e)}</td>
                <td>{e.host}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasOlder && (
        <button type="button" onClick={() => void loadOlderAudit()}>
          Show older entries
        </button>
      )}
    </section>
  );
}

/** A job's own entries name the job as the technician knows it; its id stays at hand as a tooltip. */
function AuditTarget({ entry }: { entry: AuditEntry }) {
  const jobName = useStore(jobsStore, (s) => (entry.jobId ? s.byId[entry.jobId]?.name : undefined));
  if (!jobName || entry.target !== entry.jobId) return <>{entry.target ?? ''}</>;
  return (
    <span title={entry.jobId ?? undefined} data-job-id={entry.jobId ?? undefined}>
      {jobName}
    </span>
  );
}

function ChainState() {
  const verification = useAudit((s) => s.verification);
  if (!verification) return null;
  return (
    <div
      className={verification.ok ? 'chain-state chain-ok' : 'chain-state chain-broken'}
      role={verification.ok ? 'status' : 'alert'}
      data-testid="chain-state"
    >
      <strong>{verificationWords(verification)}</strong>
      {!verification.ok && (
        <span>
          {' '}
          — {verification.message}. Entries before it are intact; keep this computer and its data folder as
          they are and tell whoever looks after your records.
        </span>
      )}{' '}
      <button type="button" className="link" onClick={() => void verifyAudit(true)}>
        Check again
      </button>
    </div>
  );
}

function AuditFiltersForm() {
  const id = useId();
  const filters = useAudit((s) => s.filters);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    void loadAudit();
  };
  return (
    <form className="toolbar audit-filters" aria-label="Filter the audit log" onSubmit={apply}>
      <label htmlFor={`${id}-action`}>Action</label>
      <select
        id={`${id}-action`}
        value={filters.action}
        onChange={(e) => {
          auditFiltersChanged({ action: e.target.value });
          void loadAudit();
        }}
      >
        {ACTION_FILTERS.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-from`}>From</label>
      <input
        id={`${id}-from`}
        type="date"
        value={filters.from}
        onChange={(e) => auditFiltersChanged({ from: e.target.value })}
      />
      <label htmlFor={`${id}-to`}>To</label>
      <input
        id={`${id}-to`}
        type="date"
        value={filters.to}
        onChange={(e) => auditFiltersChanged({ to: e.target.value })}
      />
      <label htmlFor={`${id}-operator`}>Operator</label>
      <input
        id={`${id}-operator`}
        type="search"
        placeholder="full name"
        size={14}
        value={filters.operator}
        onChange={(e) => auditFiltersChanged({ operator: e.target.value })}
      />
      <label htmlFor={`${id}-text`}>Text</label>
      <input
        id={`${id}-text`}
        type="search"
        placeholder="name, job, device…"
        value={filters.text}
        onChange={(e) => auditFiltersChanged({ text: e.target.value })}
      />
      <button type="submit">Search</button>
      <button
        type="button"
        className="link"
        onClick={() => {
          auditFiltersChanged(EMPTY_AUDIT_FILTERS);
          void loadAudit();
        }}
      >
        Clear
      </button>
    </form>
  );
}
