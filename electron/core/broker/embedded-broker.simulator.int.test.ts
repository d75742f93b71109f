import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tasmotaBacklog } from '../../../shared/domain/broker';
import type { DeviceSummary } from '../../../shared/domain/device';
import { startTasmotaFleet, type TasmotaFleet } from '../../../simulator';
import { startTestAppCore, type TestAppCore } from '../../../test-support/core/test-app-core';
import { EMBEDDED_BROKER_ID } from './broker-service';

const WAIT = { timeout: 30_000, interval: 100 };
const PASSWORD = 'tasmota-42';

/**
 * The running app's built-in broker as the site broker: Tasmota devices told (by the console line the app
 * shows) to use it log in, are discovered through it, and obey a job sent through it.
 */
describe('the built-in broker with simulated Tasmota devices', () => {
  let app: TestAppCore;
  let fleet: TasmotaFleet;

  beforeAll(async () => {
    app = await startTestAppCore();
    // No broker yet: the devices learn it below, as a technician would set them up.
    fleet = await startTasmotaFleet({ count: 4, seed: 71, bootTimeMs: 300 });
  });
  afterAll(async () => {
    await fleet.stop();
    await app.close();
  });

  const list = () => app.call('devices.list', {});
  const online = (devices: DeviceSummary[]) => devices.filter((d) => d.online).map((d) => d.id);
  const idOf = (device: { mac: string }) => `mac:${device.mac.toLowerCase()}`;

  it('discovers devices that log in with the password, refuses the one that does not, and reboots them through it', async () => {
    const status = await app.call('broker.start', {
      interfaceAddress: '127.0.0.1',
      username: 'site',
      password: PASSWORD,
    });
    expect(status).toMatchObject({ state: 'running', interfaceAddress: '127.0.0.1', deviceCount: 0 });
    const [a, b, c, stranger] = fleet.devices;
    for (const device of [a!, b!, c!]) await device.command(tasmotaBacklog(status, PASSWORD)!);
    await stranger!.command(tasmotaBacklog(status, 'not-the-password')!);

    const welcome = [a!, b!, c!].map(idOf).sort();
    await vi.waitFor(async () => expect(online(await list()).sort()).toEqual(welcome), WAIT);
    await vi.waitFor(async () => expect((await app.call('broker.getStatus', {})).deviceCount).toBe(3), WAIT);
    const discovery = await app.call('discovery.getStatus', {});
    expect(discovery.brokers.find((x) => x.id === EMBEDDED_BROKER_ID)).toMatchObject({
      state: 'connected',
      deviceCount: 3,
    });
    const detail = await app.call('devices.get', { id: welcome[0]! as DeviceSummary['id'] });
    expect(detail.endpoints.map((e) => e.endpoint)).toEqual([
      expect.objectContaining({ transport: 'mqtt', brokerId: EMBEDDED_BROKER_ID }),
    ]);

    const reboots = [a!, b!, c!].map((d) => d.counters.reboots);
    const spec = {
      version: 1 as const,
      name: 'Reboot through the built-in broker',
      targets: { deviceIds: welcome as DeviceSummary['id'][] },
      steps: [{ action: 'reboot' as const }],
      policy: { concurrency: 3 },
    };
    const { jobId } = await app.call('jobs.start', { spec, confirmDevices: 3 });
    await vi.waitFor(
      async () => expect((await app.call('jobs.get', { jobId })).job.state).toBe('completed'),
      {
        timeout: 60_000,
        interval: 200,
      },
    );
    const job = await app.call('jobs.get', { jobId });
    expect(job.executions.map((e) => e.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect([a!, b!, c!].map((d) => d.counters.reboots)).toEqual(reboots.map((n) => n + 1));
    // First time, no retry: each reply came back through the broker.
    const log = await app.call('jobs.log', { jobId });
    expect(log.filter((line) => line.event === 'step-failed')).toEqual([]);

    await app.call('broker.stop', {});
    await vi.waitFor(async () => expect(online(await list())).toEqual([]), WAIT);
    expect((await app.call('discovery.getStatus', {})).brokers.map((x) => x.id)).not.toContain(
      EMBEDDED_BROKER_ID,
    );
  });
});
