import { afterEach, describe, expect, it } from 'vitest';
import { type Simulation, startSimulation } from './index';
import { getJson, httpRequest, rpcResult } from './test-support/http-client';

const running: Simulation[] = [];
afterEach(async () => {
  for (const sim of running.splice(0)) await sim.stop();
});

async function start(seed: number, faults: string): Promise<Simulation> {
  const sim = await startSimulation({
    seed,
    mdns: false,
    faults,
    controlPort: 0,
    shelly: { count: 6, bootTimeMs: 100 },
    tasmota: { count: 4, bootTimeMs: 100 },
  });
  running.push(sim);
  return sim;
}

const fingerprint = (sim: Simulation): string[] =>
  sim.snapshot().map((d) => `${d.ref} ${d.id} ${d.model} ${d.firmware.version} ${d.faults.join('+')}`);

describe('startSimulation', () => {
  it('is deterministic with the seed: identities and fault choices repeat, another seed differs', async () => {
    const spec = 'slow:30%:5-10ms,silent-rollback:2,garbage:tasmota/1';
    const a = fingerprint(await start(131, spec));
    const b = fingerprint(await start(131, spec));
    const c = fingerprint(await start(132, spec));
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    expect(a.filter((line) => line.includes('silent-rollback'))).toHaveLength(2);
    expect(a.filter((line) => line.startsWith('t') && line.includes('garbage'))).toHaveLength(1);
  });

  it('finds devices by ref, id and MAC and counts side effects per device', async () => {
    const sim = await start(133, '');
    const shelly = sim.device('s2')!;
    expect(sim.device(shelly.id)).toBe(shelly);
    expect(sim.device(shelly.mac.toLowerCase())).toBe(shelly);
    expect(sim.device('t1')).toBe(sim.tasmota[1]);
    await rpcResult(shelly.port, 'Sys.SetConfig', { config: { device: { name: 'X' } } });
    const tasmota = sim.tasmota[0];
    await getJson(tasmota.port, '/cm?cmnd=DeviceName%20Y');
    const snapshots = await (await fetch(`${sim.controlUrl}/devices`)).json();
    const byRef = new Map(
      (
        snapshots as Array<{ ref: string; counters: Record<string, number>; config: Record<string, unknown> }>
      ).map((d) => [d.ref, d]),
    );
    expect(byRef.get('s2')).toMatchObject({
      counters: { configWrites: 1, commands: 1 },
      config: { name: 'X' },
    });
    expect(byRef.get('t0')).toMatchObject({
      counters: { configWrites: 1, commands: 1 },
      config: { device_name: 'Y' },
    });
    expect(byRef.get('s0')).toMatchObject({ counters: { configWrites: 0, commands: 0 } });
  });

  it('sets and clears faults through the control endpoint', async () => {
    const sim = await start(134, '');
    const device = sim.shelly[0];
    const put = (body: string): Promise<Response> =>
      fetch(`${sim.controlUrl}/devices/s0/faults`, { method: 'PUT', body });
    expect((await put('http-500')).status).toBe(200);
    expect((await httpRequest(device.port, { path: '/shelly' })).status).toBe(500);
    expect((await put('')).status).toBe(200);
    expect((await httpRequest(device.port, { path: '/shelly' })).status).toBe(200);
    expect(device.faults).toEqual([]);
  });
});
