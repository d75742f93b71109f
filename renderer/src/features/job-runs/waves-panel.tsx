import type { JobSummary } from '../../../../shared/domain/job';
import { StateBadge } from '../../components/state-badge';
import { deviceCount, waveLabel } from './wave-label';

function gateWords(job: JobSummary): string {
  const gate = job.policy?.waveGate;
  if (!gate) return 'Each wave starts when the previous one is done.';
  const advance = gate.advance === 'auto' ? 'starts by itself' : 'waits for a click on “Next wave”';
  return `Gate: ${gate.successPercent} % of a wave must succeed; the next wave then ${advance}.`;
}

/** The waves, the one running now, and the gate between them. */
export function WavesPanel({ job }: { job: JobSummary }) {
  if (job.waves.length <= 1) return null;
  const hasCanary = job.waves.some((w) => w.canary);
  const current = job.waves[job.currentWave];
  return (
    <section className="waves-panel" aria-label="Waves">
      <ol className="wave-list">
        {job.waves.map((w) => (
          <li
            key={w.index}
            data-wave={w.index}
            data-wave-state={w.state}
            aria-current={w.index === job.currentWave ? 'step' : undefined}
          >
            {waveLabel(w.index, hasCanary)} · {deviceCount(w.size)} <StateBadge state={w.state} />
          </li>
        ))}
      </ol>
      <p data-testid="wave-gate">
        {current && `Now: ${waveLabel(current.index, hasCanary)}. `}
        {gateWords(job)}
        {current?.state === 'gated' && ' It is done and waits at the gate.'}
      </p>
    </section>
  );
}
