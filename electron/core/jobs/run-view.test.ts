import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import { blankExecution, JobPolicySchema, type JobId, type JobSpec } from '../../../shared/domain/job';
import type { JobRunState } from './job-state';
import { newJobSummary, RunLedger } from './run-ledger';
import { ETA_REFRESH_MS, RunView } from './run-view';

const S = 1_000;
const policy = JobPolicySchema.parse({ concurrency: 1 });
const spec = { version: 1, name: 'eta', targets: {}, steps: [], policy } as unknown as JobSpec;
const device = (n: number) => `dev_${n}` as DeviceId;

function fixture() {
  const clock = { t: 100 * S, now: () => clock.t };
  const ledger = new RunLedger();
  // One slot, busy all along: 10 s for the first device, 4 s so far for the second.
  const start = clock.t - 14 * S;
  ledger.add({
    ...blankExecution(device(1), 'a', 0, 0),
    state: 'succeeded',
    startedAt: start,
    finishedAt: start + 10 * S,
  });
  ledger.add({ ...blankExecution(device(2), 'b', 0, 0), state: 'running', startedAt: clock.t - 4 * S });
  ledger.add(blankExecution(device(3), 'c', 0, 0));
  const summary = { ...newJobSummary('job_view0001' as JobId, spec, 0, null, []), startedAt: start };
  const run: JobRunState = { state: 'running', pauseReason: null, pauseMessage: null, currentWave: 0 };
  return { clock, ledger, summary, run, view: new RunView(policy, 0, clock) };
}

describe('RunView', () => {
  it('shows a running job with its waves and the time its devices still need', () => {
    const { ledger, summary, run, view } = fixture();
    const shown = view.shown(run, summary, ledger);
    expect(shown.waves).toEqual([{ index: 0, canary: false, size: 3, state: 'open' }]);
    // The running device needs 4 s more (10 s and its own 6 s when half-way, averaged), the queued one 8 s after.
    expect(shown.eta).toMatchObject({ at: 100 * S, workMs: 12 * S, offline: null, stopsAt: null });
  });

  it('sends the last estimate again within the refresh time, a new one after it or when the run changed', () => {
    const { clock, ledger, summary, run, view } = fixture();
    const first = view.shown(run, summary, ledger).eta;
    clock.t += ETA_REFRESH_MS - 1;
    expect(view.shown(run, summary, ledger).eta).toBe(first);
    const paused: JobRunState = { ...run, state: 'paused', pauseReason: 'user' };
    expect(view.shown(paused, summary, ledger).eta).toMatchObject({ stopsAt: 'pause' });
    clock.t += ETA_REFRESH_MS;
    expect(view.shown(run, summary, ledger).eta?.at).toBe(clock.t);
  });

  it('has no estimate for a run that has ended or is being canceled', () => {
    const { ledger, summary, run, view } = fixture();
    expect(view.shown({ ...run, state: 'completed' }, summary, ledger).eta).toBeNull();
    expect(view.shown({ ...run, state: 'canceling' }, summary, ledger).eta).toBeNull();
  });
});
