import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../index';
import { getJson, httpRequest, probeTcp, rpcResult, waitUntil } from '../test-support/http-client';

const PATHS = [
  { method: 'POST', path: '/rpc', body: '{"id":1,"src":"t","method":"Shelly.GetDeviceInfo"}' },
  { method: 'GET', path: '/rpc/Sys.GetStatus' },
  { method: 'GET', path: '/shelly' },
];

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

let fleet: ShellyFleet;

beforeAll(async () => {
  fleet = await startShellyFleet({
    count: 7,
    seed: 31,
    bootTimeMs: 200,
    mdns: false,
    faults: { 1: 'garbage', 2: 'http-500', 3: 'hang', 4: 'refuse' },
  });
});

afterAll(async () => {
  await fleet?.stop();
});

describe('faults set at start', () => {
  it.each(PATHS)(
    'garbage answers $method $path with HTTP 200 and a body that is not JSON',
    async (request) => {
      const reply = await httpRequest(fleet.devices[1].port, request);
      expect(reply.status).toBe(200);
      expect(reply.raw.length).toBeGreaterThan(0);
      expect(isJson(reply.text)).toBe(false);
    },
  );

  it.each(PATHS)('http-500 answers $method $path with HTTP 500 and a text body', async (request) => {
    const reply = await httpRequest(fleet.devices[2].port, request);
    expect(reply.status).toBe(500);
    expect(reply.headers['content-type']).toBe('text/plain');
    expect(reply.text).toBe('Internal Server Error');
  });

  it('hang accepts and reads the request but never answers', async () => {
    const device = fleet.devices[3];
    const before = device.counters.rpcRequests;
    await expect(
      httpRequest(device.port, { method: 'POST', path: '/rpc', body: PATHS[0].body, timeoutMs: 400 }),
    ).rejects.toThrow('timeout');
    expect(device.counters.rpcRequests).toBe(before + 1);
    expect(await probeTcp(device.port)).toBe('open');
  });

  it('refuse is not listening, yet keeps a port and reports offline', async () => {
    const device = fleet.devices[4];
    expect(device.port).toBeGreaterThan(0);
    expect(device.isOnline).toBe(false);
    expect(await probeTcp(device.port)).toBe('refused');
  });

  it('leaves devices without a fault unaffected', async () => {
    expect(await rpcResult(fleet.devices[0].port, 'Shelly.GetDeviceInfo')).toMatchObject({
      id: fleet.devices[0].id,
    });
  });
});

describe('setFault', () => {
  it('switches to refuse at once and back to serving on the same port', async () => {
    const device = fleet.devices[5];
    const { port } = device;
    device.setFault('refuse');
    expect(device.isOnline).toBe(false);
    expect(await probeTcp(port)).toBe('refused');
    device.setFault(null);
    expect(device.isOnline).toBe(true);
    await waitUntil(async () => (await probeTcp(port)) === 'open', { what: 'listening again' });
    expect(device.port).toBe(port);
    expect(await rpcResult(port, 'Shelly.GetDeviceInfo')).toMatchObject({ id: device.id });
  });

  it('brings a device that started refusing online', async () => {
    const device = fleet.devices[4];
    device.setFault(null);
    await waitUntil(async () => (await probeTcp(device.port)) === 'open', { what: 'listening' });
    expect((await getJson(device.port, '/shelly')).json).toMatchObject({ id: device.id });
    expect(device.isOnline).toBe(true);
  });

  it('turns garbage and http-500 on and off between requests', async () => {
    const device = fleet.devices[6];
    device.setFault('garbage');
    expect(isJson((await httpRequest(device.port, { path: '/shelly' })).text)).toBe(false);
    device.setFault('http-500');
    expect((await httpRequest(device.port, { path: '/shelly' })).status).toBe(500);
    device.setFault(null);
    expect((await getJson(device.port, '/shelly')).json).toMatchObject({ id: device.id });
  });

  it('keeps a device refusing after a reboot if refuse was set meanwhile', async () => {
    const device = fleet.devices[0];
    await rpcResult(device.port, 'Shelly.Reboot');
    await waitUntil(() => device.counters.reboots === 1, { what: 'reboot' });
    device.setFault('refuse');
    // Uptime only counts once the boot has finished, so this proves the device booted and stayed dark.
    await waitUntil(() => device.uptimeSeconds() >= 1, { what: 'boot finished', timeoutMs: 5000 });
    expect(device.isOnline).toBe(false);
    expect(await probeTcp(device.port)).toBe('refused');
    device.setFault(null);
    await waitUntil(async () => (await probeTcp(device.port)) === 'open', { what: 'listening' });
  });

  it('recovers from hang: a new fault setting applies to the next request', async () => {
    const device = fleet.devices[3];
    device.setFault(null);
    expect(await rpcResult(device.port, 'Sys.GetStatus')).toMatchObject({ mac: device.mac });
  });
});
