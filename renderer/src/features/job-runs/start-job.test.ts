import { afterEach, describe, expect, it } from 'vitest';
import type { JobSpecInput } from '../../../../shared/domain/job';
import { fail, ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { jobsStore } from '../../stores/jobs-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { devicePlan, execution, job, plan } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { planJob, startJob } from './start-job';

afterEach(resetAll);

const JOB = 'job_new00000';
const SPEC: JobSpecInput = {
  version: 1,
  name: 'Reboot 2 devices',
  targets: { deviceIds: [devicePlan(1).deviceId, devicePlan(2).deviceId] },
  steps: [{ action: 'reboot' }],
  policy: { concurrency: 2, stepTimeoutMs: 180_000 },
};

function setup(answers: ConstructorParameters<typeof FakeTransport>[0] = {}) {
  const transport = new FakeTransport({
    'jobs.plan': () => ok(plan([devicePlan(1), devicePlan(2)])),
    'jobs.start': () => ok({ jobId: JOB }),
    'jobs.get': () => ok({ job: job(JOB, { total: 2 }), executions: [execution(1), execution(2)] }),
    ...answers,
  });
  setTransport(transport);
  return transport;
}

describe('starting a job', () => {
  it('starts the confirmed dry run with its device count, then loads the new job once and selects it', async () => {
    const transport = setup();
    const planned = await planJob(SPEC);
    const started: string[] = [];
    const outcome = await startJob(planned, { onStarted: (jobId) => started.push(jobId) });
    expect(outcome).toEqual({ state: 'started', jobId: JOB });
    expect(started).toEqual([JOB]);
    // No `jobs.list` after a start: the job comes with `jobs.get`, its changes with `jobs.progressed`.
    expect(transport.invoked).toEqual([
      { name: 'jobs.plan', input: SPEC },
      { name: 'jobs.start', input: { spec: SPEC, confirmDevices: 2 } },
      { name: 'jobs.get', input: { jobId: JOB } },
    ]);
    expect(jobsStore.getState().selectedJobId).toBe(JOB);
    expect(jobsStore.getState().byId[JOB]?.total).toBe(2);
    expect(jobsStore.getState().executions[JOB]?.order).toHaveLength(2);
  });

  it('sends the typed name of a destructive job', async () => {
    const transport = setup();
    await startJob(await planJob(SPEC), { typedConfirmation: 'Reboot 2 devices' });
    expect(transport.invoked[1]?.input).toEqual({
      spec: SPEC,
      confirmDevices: 2,
      typedConfirmation: 'Reboot 2 devices',
    });
  });

  it("returns main's refusal with its problem, and neither opens nor reports a job", async () => {
    const transport = setup({
      'jobs.start': () => fail('CONFLICT', 'plan changed', { problem: 'plan-changed', runnable: 1 }),
    });
    const started: string[] = [];
    const outcome = await startJob(await planJob(SPEC), { onStarted: (jobId) => started.push(jobId) });
    expect(outcome).toMatchObject({ state: 'refused', problem: 'plan-changed' });
    expect(started).toEqual([]);
    expect(transport.invoked.map((c) => c.name)).toEqual(['jobs.plan', 'jobs.start']);
    expect(jobsStore.getState().selectedJobId).toBeNull();
  });

  it('names no problem for a refusal main did not classify', async () => {
    setup({ 'jobs.start': () => fail('INVALID_INPUT', 'steps.0: not allowed') });
    expect(await startJob(await planJob(SPEC))).toMatchObject({ state: 'refused', problem: null });
  });
});
