import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../index';
import { authorizationHeader, parseChallengeHeader } from '../test-support/digest-client';
import { getJson, httpRequest, waitUntil } from '../test-support/http-client';
import { assertOnlyLoopbackInterfaces } from '../test-support/loopback-guard';
import { MdnsQuerier } from '../test-support/mdns-querier';
import { WsRpcClient } from '../test-support/ws-rpc-client';

assertOnlyLoopbackInterfaces();

/**
 * A simulated Shelly Wall Display (`models: { 0: 'WallDisplay' }`) against what real ones sent:
 * fixtures/real-devices/shelly/wall-display-2.6.2 (identity), fixtures/real-devices/mdns/shelly-wall-display-2.6.2.json
 * (record order) and fixtures/real-devices/shelly-auth/wall-display-2.5.8-http.json (`opaque=""`).
 */
const PASSWORD = 'wall-secret';
let fleet: ShellyFleet;
let querier: MdnsQuerier;

beforeAll(async () => {
  querier = await MdnsQuerier.start();
  fleet = await startShellyFleet({
    count: 2,
    seed: 5,
    bootTimeMs: 100,
    models: { 0: 'WallDisplay' },
    auth: { password: PASSWORD },
  });
});
afterAll(async () => {
  await fleet?.stop();
  await querier?.stop();
});

describe('a simulated Shelly Wall Display', () => {
  it('reports the identity of a real one: mixed-case id, SAWD model, WallDisplay app, gen 2, OUI 000822', async () => {
    const device = fleet.devices[0];
    const { json } = await getJson(device.port, '/shelly');
    expect(json).toMatchObject({ model: 'SAWD-0A1XX10EU1', app: 'WallDisplay', gen: 2, ver: '2.6.2' });
    expect(device.id).toBe(`ShellyWallDisplay-${device.mac}`);
    expect(device.mac).toMatch(/^000822[0-9A-F]{6}$/);
    expect(json).toMatchObject({ id: device.id, auth_domain: device.id });
    // The rotation is unchanged for the other devices.
    expect(fleet.devices[1].id).toBe(fleet.devices[1].id.toLowerCase());
  });

  it('sends its TXT before its PTR in one packet, as the captured Wall Display did', async () => {
    const device = fleet.devices[0];
    querier.query([{ name: '_shelly._tcp.local', type: 'PTR' }]);
    await waitUntil(
      () => querier.packets.some((p) => p.answers.some((r) => r.name === `${device.id}._shelly._tcp.local`)),
      { what: 'a Wall Display answer', timeoutMs: 3000 },
    );
    const packet = querier.packets.find((p) =>
      p.answers.some((r) => r.type === 'PTR' && r.data === `${device.id}._shelly._tcp.local`),
    )!;
    const names = packet.answers.map((r) => r.type);
    expect(names.indexOf('TXT')).toBeLessThan(names.indexOf('PTR'));
    expect(packet.additionals).toEqual([]);
  });

  it('challenges HTTP with opaque="" and an empty body, and wants the opaque echoed', async () => {
    const device = fleet.devices[0];
    const first = await httpRequest(device.port, { path: '/rpc/Sys.GetStatus' });
    expect([first.status, first.text]).toEqual([401, '']);
    const header = first.headers['www-authenticate'] as string;
    expect(parseChallengeHeader(header)).toMatchObject({ realm: device.id, opaque: '' });
    const answer = authorizationHeader(header, {
      password: PASSWORD,
      method: 'GET',
      uri: '/rpc/Sys.GetStatus',
    });
    const call = (authorization: string) =>
      httpRequest(device.port, { path: '/rpc/Sys.GetStatus', headers: { Authorization: authorization } });
    expect((await call(answer)).status).toBe(401);
    expect((await call(`${answer}, opaque=""`)).status).toBe(200);
  });

  it('sends nc as a string in its WebSocket challenge (PROTOCOLS.md §1.6)', async () => {
    const device = fleet.devices[0];
    const ws = await WsRpcClient.connect(device.port);
    try {
      const refused = await ws.request({ src: 'wd-1', method: 'Sys.GetStatus' });
      const { message } = refused.error as { code: number; message: string };
      expect(JSON.parse(message)).toMatchObject({ nc: '1', realm: device.id });
    } finally {
      await ws.close();
    }
  });
});
