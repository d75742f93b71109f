import type { JobSummary } from '../../../../shared/domain/job';
import { StateBadge } from '../../components/state-badge';
import { deviceCount, waveLabel } from './wave-label';

function gateWords(job: JobSummary): string {
  const gate = job.policy?.waveGate;
  if (!gate) return 'Each wave starts when the previous one is done.';
  const advance = gate.advance === 'auto' ? 'starts by itself' : 'waits for a click on “Next wave”';
  return `Gate: ${gate.successPercent} % of a wave must succeed; the next wave then ${advance}.`;
}

/** Where the run stands among its waves, in one sentence: it never asks for a click a finished run cannot take. */
function standing(job: JobSummary, hasCanary: boolean): string {
  const current = job.waves[job.currentWave];
  const name = current ? waveLabel(current.index, hasCanary) : '';
  if (job.state === 'completed') return 'All waves are done.';
  if (job.state === 'canceled' || job.state === 'canceling') return `Canceled during ${name}.`;
  const isLast = job.currentWave >= job.waves.length - 1;
  if (current?.state === 'gated') {
    const next = waveLabel(current.index + 1, hasCanary);
    return `Now: ${name}. It is done and waits at the gate; “Next wave” starts ${next}.`;
  }
  return `Now: ${name}${isLast ? ' (the last wave)' : ''}. ${isLast ? '' : gateWords(job)}`.trim();
}

/** The waves, the one running now, and the gate between them. */
export function WavesPanel({ job }: { job: JobSummary }) {
  if (job.waves.length <= 1) return null;
  const hasCanary = job.waves.some((w) => w.canary);
  const isLive = job.state !== 'completed' && job.state !== 'canceled';
  return (
    <section className="waves-panel" aria-label="Waves">
      <ol className="wave-list">
        {job.waves.map((w) => (
          <li
            key={w.index}
            data-wave={w.index}
            data-wave-state={w.state}
            aria-current={isLive && w.index === job.currentWave ? 'step' : undefined}
          >
            {waveLabel(w.index, hasCanary)} · {deviceCount(w.size)} <StateBadge state={w.state} />
          </li>
        ))}
      </ol>
      <p data-testid="wave-gate">{standing(job, hasCanary)}</p>
    </section>
  );
}
