import type { JobPlan } from '../../../../shared/domain/job';
import { useJobBuilder } from './job-builder-store';
import { deviceCount, waveLabel } from '../job-runs/wave-label';
import { PlanDevicesTable } from './plan-devices-table';

function PlanSummary({ plan }: { plan: JobPlan }) {
  const deferred = plan.devices.filter((d) => d.deferred).length;
  return (
    <p className="plan-summary" data-testid="plan-summary">
      <strong>{deviceCount(plan.runnable)} will run</strong>
      {deferred > 0 && ` (${deferred} offline now, waited for)`}, {plan.skipped} skipped.
    </p>
  );
}

function PlanWaves({ plan }: { plan: JobPlan }) {
  if (plan.waves.length === 0) return null;
  const hasCanary = plan.waves.some((w) => w.canary);
  return (
    <ol className="plan-waves" aria-label="Waves">
      {plan.waves.map((w) => (
        <li key={w.index}>
          {waveLabel(w.index, hasCanary)}: {deviceCount(w.size)}
        </li>
      ))}
    </ol>
  );
}

function FirmwareServerVerdict({ server }: { server: NonNullable<JobPlan['firmwareServer']> }) {
  return (
    <p
      className={server.ok ? 'online' : 'error-text'}
      data-testid="firmware-server-verdict"
      role={server.ok ? undefined : 'alert'}
    >
      Firmware server: {server.ok ? 'reachable' : 'NOT reachable'}
      {server.url ? ` at ${server.url}` : ''} — {server.message}
    </p>
  );
}

/** What main would do, device by device, before anything is sent. */
export function DryRunPage() {
  const plan = useJobBuilder((s) => s.plan);
  if (plan.state === 'planning') return <p role="status">Running the dry run…</p>;
  if (plan.state === 'failed')
    return (
      <p role="alert" className="error-text">
        Dry run failed: {plan.error}
      </p>
    );
  if (plan.state === 'none') return <p className="empty">The job changed: run the dry run again.</p>;
  const { plan: result } = plan;
  return (
    <div className="dry-run-page">
      <PlanSummary plan={result} />
      <PlanWaves plan={result} />
      {result.destructive && (
        <p className="danger-zone">
          This job has a destructive step: starting it asks for the job’s name to be typed.
        </p>
      )}
      {result.firmwareServer && <FirmwareServerVerdict server={result.firmwareServer} />}
      {result.warnings.length > 0 && (
        <ul className="plan-warnings" aria-label="Plan warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <PlanDevicesTable devices={result.devices} hasCanary={result.waves.some((w) => w.canary)} />
    </div>
  );
}
