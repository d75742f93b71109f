import { afterEach, describe, expect, it } from 'vitest';
import type { JobDetail } from '../../../shared/domain/job';
import { startShellyFleet, type ShellyFleet } from '../../../simulator';
import {
  addByPort,
  planAndStart,
  readJournal,
  startFaultTestCore,
  waitForJob,
  type FaultTestCore,
} from '../../../test-support/jobs/job-faults-support';

let fleet: ShellyFleet | null = null;
let core: FaultTestCore | null = null;

afterEach(async () => {
  await core?.close();
  await fleet?.stop();
  core = null;
  fleet = null;
});

const isEnded = (d: JobDetail) => d.job.state === 'completed' || d.job.state === 'canceled';

describe('a device that answers HTTP 500', () => {
  it('fails its step with that reason, retried per policy, never waits as offline, and the inventory agrees', async () => {
    fleet = await startShellyFleet({ count: 1, seed: 717, mdns: false });
    // Addresses are checked every 200 ms: a check that called an HTTP 500 "offline" would park the device.
    core = await startFaultTestCore({ livenessIntervalMs: 200 });
    const app = core;
    const [id] = await addByPort(app, [fleet.devices[0]!.port]);
    fleet.devices[0]!.setFault('http-500');
    for (;;) {
      const status = await app.call('discovery.getStatus', {});
      if ((status.unidentified ?? []).some((u) => u.deviceId === id)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const listed = (await app.call('discovery.getStatus', {})).unidentified!.find((u) => u.deviceId === id)!;
    expect(listed.reason).toContain('HTTP 500');
    expect((await app.call('devices.list', {})).find((d) => d.id === id)).toMatchObject({ online: true });

    const jobId = await planAndStart(app, {
      version: 1,
      name: 'Reboot a device answering 500',
      targets: { deviceIds: [id!] },
      steps: [{ action: 'reboot' }],
      policy: {
        stepTimeoutMs: 5_000,
        retries: { max: 1, baseDelayMs: 100, maxDelayMs: 100, jitter: 0, retryOn: ['device-error'] },
        offline: { mode: 'defer', deadlineMs: 60_000 },
      },
    });
    const done = await waitForJob(app, jobId, isEnded, 15_000);

    expect(done.executions[0]).toMatchObject({ state: 'failed', reason: 'device-error', attempt: 2 });
    expect(done.executions[0]!.message).toContain('HTTP 500');
    const journal = await readJournal(app, jobId);
    expect(journal.some((r) => r.to === 'waiting-offline')).toBe(false);
    expect(journal.filter((r) => r.event === 'step-failed')).toHaveLength(2);
    expect((await app.call('devices.list', {})).find((d) => d.id === id)).toMatchObject({ online: true });
  }, 30_000);
});
