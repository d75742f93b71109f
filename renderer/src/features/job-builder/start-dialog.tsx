import { useId, useState, type FormEvent } from 'react';
import type { JobPlan, JobSpec } from '../../../../shared/domain/job';
import { TypedNameConfirmation } from '../../components/typed-name-confirmation';
import { startDismissed, useJobBuilder } from './job-builder-store';
import { startPlannedJob } from './job-builder-intents';

const devices = (n: number) => `${n} device${n === 1 ? '' : 's'}`;

/** The start, stated plainly; a destructive job also needs its name typed. */
export function StartDialog({ plan, spec }: { plan: JobPlan; spec: JobSpec }) {
  const id = useId();
  const start = useJobBuilder((s) => s.start);
  const [typed, setTyped] = useState('');
  const isTyped = !plan.destructive || typed.trim() === spec.name;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isTyped || start.state === 'starting') return;
    void startPlannedJob(plan.destructive ? typed.trim() : undefined);
  };
  return (
    <form
      role="dialog"
      aria-labelledby={`${id}-title`}
      className={plan.destructive ? 'start-dialog danger-zone' : 'start-dialog'}
      onSubmit={submit}
    >
      <h3 id={`${id}-title`}>Start “{spec.name}”?</h3>
      <p data-testid="start-summary">
        It runs on {devices(plan.runnable)}
        {plan.skipped > 0 ? ` (${plan.skipped} skipped)` : ''}
        {spec.policy.schedule.startAt !== null ? ', from its scheduled start' : ''}.
        {plan.waves.some((w) => w.canary) ? ' The canary goes first.' : ''}
      </p>
      {plan.destructive && (
        <TypedNameConfirmation
          id={`${id}-name`}
          name={spec.name}
          typed={typed}
          onChange={setTyped}
          lead="This cannot be undone. "
        />
      )}
      {start.state === 'refused' && (
        <p role="alert" className="error-text">
          Not started: {start.error}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="danger" disabled={!isTyped || start.state === 'starting'}>
          Confirm start
        </button>
        <button type="button" onClick={startDismissed}>
          Back to the dry run
        </button>
      </div>
    </form>
  );
}
