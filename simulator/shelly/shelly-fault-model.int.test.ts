import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../index';
import { getJson, httpRequest, probeTcp, rpcResult, waitUntil } from '../test-support/http-client';
import { assertOnlyLoopbackInterfaces } from '../test-support/loopback-guard';
import { MdnsQuerier } from '../test-support/mdns-querier';

assertOnlyLoopbackInterfaces();

let fleet: ShellyFleet;
let querier: MdnsQuerier;
beforeAll(async () => {
  querier = await MdnsQuerier.start();
  fleet = await startShellyFleet({
    count: 8,
    seed: 81,
    bootTimeMs: 100,
    faults: {
      0: { kind: 'slow', minMs: 150, maxMs: 200 },
      1: { kind: 'flaky', probability: 1 },
      2: { kind: 'hang', mode: 'mid' },
      3: { kind: 'offline', mode: 'silent' },
      4: { kind: 'offline', mode: 'unadvertised' },
      5: { kind: 'drop', afterCommands: 2, forMs: 400 },
      6: { kind: 'long-reboot', bootMs: 60_000 },
    },
  });
});
afterAll(async () => {
  await fleet?.stop();
  await querier?.stop();
});

describe('the shared fault model on Shelly devices', () => {
  it('slow delays every reply by at least the minimum latency', async () => {
    const started = performance.now();
    expect(await rpcResult(fleet.devices[0].port, 'Sys.GetStatus')).toMatchObject({
      mac: fleet.devices[0].mac,
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('flaky resets the connection instead of answering', async () => {
    await expect(getJson(fleet.devices[1].port, '/shelly')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(fleet.devices[1].isOnline).toBe(true);
  });

  it('hang mid sends headers and part of the body, then stalls', async () => {
    const device = fleet.devices[2];
    const reply = httpRequest(device.port, { path: '/rpc/Sys.GetStatus', timeoutMs: 400 });
    await expect(reply).rejects.toThrow(/timeout|aborted/);
  });

  it('offline silent accepts TCP, never answers and is not advertised', async () => {
    const device = fleet.devices[3];
    expect(await probeTcp(device.port)).toBe('open');
    await expect(httpRequest(device.port, { path: '/shelly', timeoutMs: 300 })).rejects.toThrow('timeout');
  });

  it('only online, advertised devices answer an mDNS browse', async () => {
    const from = querier.packets.length;
    querier.query([{ name: '_shelly._tcp.local', type: 'PTR' }]);
    const expected = [0, 1, 2, 5, 6, 7].map((i) => `${fleet.devices[i].id}._shelly._tcp.local`);
    const seen = await querier.waitFor((packets) => {
      const names = new Set(
        packets
          .slice(from)
          .flatMap((p) => p.answers)
          .map((r) => String(r.data)),
      );
      return expected.every((name) => names.has(name)) ? names : undefined;
    });
    expect(seen.has(`${fleet.devices[3].id}._shelly._tcp.local`)).toBe(false);
    expect(seen.has(`${fleet.devices[4].id}._shelly._tcp.local`)).toBe(false);
    expect((await getJson(fleet.devices[4].port, '/shelly')).status).toBe(200);
  });

  it('drop goes dark after the configured number of commands and comes back without a reboot', async () => {
    const device = fleet.devices[5];
    await rpcResult(device.port, 'Sys.GetStatus');
    await rpcResult(device.port, 'Sys.GetStatus');
    await waitUntil(async () => (await probeTcp(device.port)) === 'refused', { what: 'drop' });
    expect(device.isOnline).toBe(false);
    await waitUntil(async () => (await probeTcp(device.port)) === 'open', {
      what: 'return',
      timeoutMs: 3000,
    });
    expect(device.counters.reboots).toBe(0);
    expect(await rpcResult(device.port, 'Sys.GetStatus')).toMatchObject({ mac: device.mac });
  });

  it('long-reboot keeps the device down far past the fleet boot time', async () => {
    const device = fleet.devices[6];
    await rpcResult(device.port, 'Shelly.Reboot');
    await waitUntil(() => device.counters.reboots === 1, { what: 'reboot' });
    const healthy = fleet.devices[7];
    await rpcResult(healthy.port, 'Shelly.Reboot');
    await waitUntil(() => healthy.counters.reboots === 1 && healthy.isOnline, {
      what: 'healthy reboot',
      timeoutMs: 3000,
    });
    expect(device.isOnline).toBe(false);
    expect(device.snapshot().faults).toEqual(['long-reboot(60000ms)']);
  });

  it('answers a malformed HTTP request with 400 and keeps serving', async () => {
    const device = fleet.devices[7];
    const socket = net.connect({ host: '127.0.0.1', port: device.port });
    const reply = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.write('\u0000\u00ffGARBAGE / NOT-HTTP\r\n\r\n');
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    await waitUntil(() => device.isOnline, { what: 'online' });
    expect(await rpcResult(device.port, 'Shelly.GetDeviceInfo')).toMatchObject({ id: device.id });
  });

  it('setFault takes fault objects and null', async () => {
    const device = fleet.devices[1];
    device.setFault(null);
    expect(await rpcResult(device.port, 'Shelly.GetDeviceInfo')).toMatchObject({ id: device.id });
    device.setFault([{ kind: 'garbage' }, { kind: 'slow', minMs: 1, maxMs: 2 }]);
    expect(device.faults).toHaveLength(2);
    const { text } = await httpRequest(device.port, { path: '/shelly' });
    expect(() => JSON.parse(text)).toThrow();
  });
});
