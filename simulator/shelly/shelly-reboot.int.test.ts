import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../index';
import { getJson, probeTcp, rpcFrame, rpcResult, waitUntil } from '../test-support/http-client';

const BOOT_MS = 600;
// setTimeout may fire up to ~1 ms early; the probes below are also a few ms apart.
const TIMER_SLACK_MS = 25;

let fleet: ShellyFleet | undefined;

afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

async function isServing(port: number): Promise<boolean> {
  try {
    return (await getJson(port, '/shelly')).status === 200;
  } catch {
    return false;
  }
}

describe('Shelly.Reboot', () => {
  it('replies null, refuses connections for the boot time, then comes back on the same port with uptime 0', async () => {
    fleet = await startShellyFleet({ count: 1, seed: 21, bootTimeMs: BOOT_MS, mdns: false });
    const [device] = fleet.devices;
    const port = device.port;

    const reply = await rpcFrame(port, { id: 9, src: 'batch', method: 'Shelly.Reboot' });
    expect(reply).toEqual({ id: 9, src: device.id, dst: 'batch', result: null });

    await waitUntil(async () => (await probeTcp(port)) === 'refused', { timeoutMs: 1000, what: 'refusal' });
    const refusedAt = Date.now();
    expect(device.isOnline).toBe(false);
    expect(device.counters.reboots).toBe(1);
    expect(device.uptimeSeconds()).toBe(0);

    await waitUntil(() => isServing(port), { timeoutMs: BOOT_MS + 4000, what: 'device back online' });
    expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(BOOT_MS - TIMER_SLACK_MS);
    expect(device.port).toBe(port);
    expect(device.isOnline).toBe(true);
    const status = (await rpcResult(port, 'Sys.GetStatus')) as { uptime: number; reset_reason: number };
    expect(status.uptime).toBe(0);
    expect(status.reset_reason).toBe(3);
    expect(device.counters.reboots).toBe(1);
  });

  it('drops connections that are open when the reboot starts', async () => {
    fleet = await startShellyFleet({ count: 1, seed: 22, bootTimeMs: BOOT_MS, mdns: false });
    const { port } = fleet.devices[0];
    const idle = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => idle.once('connect', resolve));
    const closed = new Promise((resolve) => idle.once('close', resolve));
    await rpcResult(port, 'Shelly.Reboot');
    await closed;
    expect(idle.destroyed).toBe(true);
  });

  it('waits delay_ms before rebooting and ignores a second reboot while one is pending', async () => {
    fleet = await startShellyFleet({ count: 1, seed: 23, bootTimeMs: 200, mdns: false });
    const [device] = fleet.devices;
    expect(await rpcResult(device.port, 'Shelly.Reboot', { delay_ms: 400 })).toBeNull();
    expect(await rpcResult(device.port, 'Shelly.Reboot', { delay_ms: 0 })).toBeNull();
    expect(await isServing(device.port)).toBe(true);
    expect(device.counters.reboots).toBe(0);

    await waitUntil(() => !device.isOnline, { timeoutMs: 2000, what: 'reboot start' });
    await waitUntil(() => isServing(device.port), { timeoutMs: 4000, what: 'device back online' });
    expect(device.counters.reboots).toBe(1);
  });

  it('uses rebootDelayMs when the request has no delay_ms', async () => {
    fleet = await startShellyFleet({ count: 1, seed: 24, bootTimeMs: 100, rebootDelayMs: 300, mdns: false });
    const [device] = fleet.devices;
    await rpcResult(device.port, 'Shelly.Reboot');
    expect(await isServing(device.port)).toBe(true);
    expect(device.counters.reboots).toBe(0);
    await waitUntil(() => device.counters.reboots === 1, { timeoutMs: 2000, what: 'delayed reboot' });
  });

  it('reboots through the REST form too', async () => {
    fleet = await startShellyFleet({ count: 1, seed: 25, bootTimeMs: 100, mdns: false });
    const [device] = fleet.devices;
    expect(await getJson(device.port, '/rpc/Shelly.Reboot?delay_ms=0')).toEqual({ status: 200, json: null });
    await waitUntil(() => device.counters.reboots === 1, { timeoutMs: 2000, what: 'reboot' });
    await waitUntil(() => isServing(device.port), { timeoutMs: 4000, what: 'device back online' });
  });

  it('stops cleanly in the middle of a boot', async () => {
    fleet = await startShellyFleet({ count: 1, seed: 26, bootTimeMs: 60_000, mdns: false });
    const [device] = fleet.devices;
    await rpcResult(device.port, 'Shelly.Reboot');
    await waitUntil(() => !device.isOnline, { timeoutMs: 2000, what: 'reboot start' });
    await fleet.stop();
    expect(await probeTcp(device.port)).toBe('refused');
    expect(device.isOnline).toBe(false);
  });
});
