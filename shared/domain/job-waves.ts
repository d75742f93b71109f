import type { JobState, PauseReason, WaveSummary } from './job';

/**
 * A wave's name as every screen, log line and gate message says it: "Canary", "Wave 1", … Waves are numbered
 * from 1 after the canary, from their index + 1 when there is none. The one place a wave index becomes a number
 * a technician reads, so the gate banner and the wave list cannot disagree.
 */
export function waveName(index: number, hasCanary: boolean): string {
  if (hasCanary && index === 0) return 'Canary';
  return `Wave ${hasCanary ? index : index + 1}`;
}

/** The run facts a wave's state depends on. */
export interface WaveRunFacts {
  state: JobState;
  pauseReason: PauseReason | null;
  currentWave: number;
}

/**
 * A wave's state, from the run and the wave's own tallies (size, devices in a final state): done once the run
 * has moved past it; gated while the run waits at the gate after it (its devices have ended by then); done
 * when every device of it has ended or the run is over; pending while the run has not reached it; open
 * otherwise.
 */
export function waveState(
  index: number,
  run: WaveRunFacts,
  tally: { size: number; ended: number },
): WaveSummary['state'] {
  if (index < run.currentWave) return 'done';
  const isAtGate = run.state === 'paused' && run.pauseReason === 'wave-gate';
  if (index === run.currentWave && isAtGate) return 'gated';
  if (tally.ended >= tally.size || run.state === 'completed' || run.state === 'canceled') return 'done';
  return index > run.currentWave ? 'pending' : 'open';
}
