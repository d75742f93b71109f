import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet, type SimulatedShelly } from '../index';
import { getJson, httpRequest, rpcFrame, rpcResult } from '../test-support/http-client';

const REQUIRED_METHODS = [
  'Shelly.GetDeviceInfo',
  'Shelly.GetStatus',
  'Shelly.GetConfig',
  'Shelly.ListMethods',
  'Shelly.Reboot',
  'Sys.GetStatus',
  'Sys.GetConfig',
];

let fleet: ShellyFleet;
let device: SimulatedShelly;

beforeAll(async () => {
  fleet = await startShellyFleet({ count: 6, seed: 11, mdns: false });
  device = fleet.devices[0];
});

afterAll(async () => {
  await fleet?.stop();
});

describe('identity', () => {
  it('serves GET /shelly with the GetDeviceInfo fields of §1.3', async () => {
    const { status, json } = await getJson(device.port, '/shelly');
    expect(status).toBe(200);
    expect(json).toEqual({
      name: null,
      id: device.id,
      mac: device.mac,
      slot: 0,
      model: device.model,
      gen: device.gen,
      fw_id: device.fwId,
      ver: device.ver,
      app: device.app,
      ...(device.app === 'Plus2PM' ? { profile: 'switch' } : {}),
      auth_en: false,
      auth_domain: null,
    });
    expect(device.id).toMatch(new RegExp(`^shelly[0-9a-z]+-${device.mac.toLowerCase()}$`));
    expect(device.fwId).toMatch(/^\d{8}-\d{6}\/\d+\.\d+\.\d+-g[0-9a-f]{7}$/);
  });

  it('returns the same object from /shelly and Shelly.GetDeviceInfo on every device', async () => {
    for (const each of fleet.devices) {
      const [{ json }, result] = await Promise.all([
        getJson(each.port, '/shelly'),
        rpcResult(each.port, 'Shelly.GetDeviceInfo'),
      ]);
      expect(result).toEqual(json);
      expect((json as { gen: number }).gen).toBe(each.gen);
    }
  });

  it('adds key, batch and fw_sbits only with ident:true', async () => {
    const info = (await rpcResult(device.port, 'Shelly.GetDeviceInfo', { ident: true })) as Record<
      string,
      unknown
    >;
    expect(info.key).toMatch(/^[0-9a-f]{32}$/);
    expect(typeof info.batch).toBe('string');
    expect(info.fw_sbits).toBe('00');
  });

  it('uses a distinct port per device on 127.0.0.1', () => {
    expect(new Set(fleet.devices.map((each) => each.port)).size).toBe(fleet.devices.length);
    expect(fleet.devices.every((each) => each.host === '127.0.0.1' && each.isOnline)).toBe(true);
  });
});

describe('POST /rpc frames', () => {
  it('echoes numeric and string ids and addresses the reply to the request src', async () => {
    const numeric = await rpcFrame(device.port, {
      jsonrpc: '2.0',
      id: 17,
      src: 'batch-1',
      method: 'Sys.GetStatus',
    });
    expect(numeric).toMatchObject({ id: 17, src: device.id, dst: 'batch-1' });
    expect(Object.keys(numeric)).toEqual(['id', 'src', 'dst', 'result']);
    const text = await rpcFrame(device.port, { id: 'req-x', src: 'batch-2', method: 'Sys.GetConfig' });
    expect(text).toMatchObject({ id: 'req-x', src: device.id, dst: 'batch-2' });
  });

  it('answers Sys.GetStatus with the §1.4 fields', async () => {
    const status = (await rpcResult(device.port, 'Sys.GetStatus')) as Record<string, unknown>;
    expect(status).toMatchObject({
      mac: device.mac,
      restart_required: false,
      available_updates: {},
      reset_reason: 1,
    });
    expect(Number.isInteger(status.uptime)).toBe(true);
    expect(status.uptime).toBe(device.uptimeSeconds());
    expect(status.time).toMatch(/^\d{2}:\d{2}$/);
    expect(Math.abs((status.unixtime as number) - Date.now() / 1000)).toBeLessThan(5);
    for (const key of [
      'ram_size',
      'ram_free',
      'fs_size',
      'fs_free',
      'cfg_rev',
      'kvs_rev',
      'schedule_rev',
      'webhook_rev',
    ]) {
      expect(typeof status[key], key).toBe('number');
    }
    expect(status.ram_free as number).toBeLessThan(status.ram_size as number);
  });

  it('answers Sys.GetConfig with device, location, sntp and cfg_rev', async () => {
    const config = (await rpcResult(device.port, 'Sys.GetConfig')) as Record<string, Record<string, unknown>>;
    expect(config.device).toMatchObject({
      name: null,
      mac: device.mac,
      fw_id: device.fwId,
      discoverable: true,
      eco_mode: false,
    });
    expect(Object.keys(config.location)).toEqual(['tz', 'lat', 'lon']);
    expect(typeof config.sntp.server).toBe('string');
    expect(typeof config.cfg_rev).toBe('number');
  });

  it('keys Shelly.GetStatus and Shelly.GetConfig by component', async () => {
    const status = (await rpcResult(device.port, 'Shelly.GetStatus')) as Record<string, unknown>;
    const config = (await rpcResult(device.port, 'Shelly.GetConfig')) as Record<string, unknown>;
    for (const key of ['sys', 'wifi', 'cloud', 'mqtt', 'switch:0']) {
      expect(status, key).toHaveProperty([key]);
      expect(config, key).toHaveProperty([key]);
    }
    expect((status.sys as { mac: string }).mac).toBe(device.mac);
    expect((config.sys as { device: { mac: string } }).device.mac).toBe(device.mac);
  });

  it('lists every implemented method', async () => {
    const { methods } = (await rpcResult(device.port, 'Shelly.ListMethods')) as { methods: string[] };
    expect(methods).toEqual(expect.arrayContaining(REQUIRED_METHODS));
  });

  it('matches method names case-insensitively, as Mongoose does', async () => {
    expect(await rpcResult(device.port, 'shelly.getdeviceinfo')).toMatchObject({ id: device.id });
  });
});

describe('errors', () => {
  it('answers an unknown method with 404 "No handler for <Method>"', async () => {
    const frame = await rpcFrame(device.port, { id: 5, src: 'me', method: 'Foo.Bar' });
    expect(frame).toEqual({
      id: 5,
      src: device.id,
      dst: 'me',
      error: { code: 404, message: 'No handler for Foo.Bar' },
    });
  });

  it('answers a missing required parameter with -103 and a bad instance with -105', async () => {
    const missing = await rpcFrame(device.port, { id: 1, src: 'me', method: 'Switch.GetStatus' });
    expect(missing.error).toEqual({ code: -103, message: "Missing required 'id'" });
    const bad = await rpcFrame(device.port, {
      id: 2,
      src: 'me',
      method: 'Switch.GetStatus',
      params: { id: 7 },
    });
    expect(bad.error).toEqual({ code: -105, message: 'Bad id=7' });
  });

  it('rejects a non-number delay_ms with -103 and does not reboot', async () => {
    const frame = await rpcFrame(device.port, {
      id: 3,
      src: 'me',
      method: 'Shelly.Reboot',
      params: { delay_ms: 'soon' },
    });
    expect(frame.error).toEqual({ code: -103, message: "Invalid argument 'delay_ms'" });
    expect(device.counters.reboots).toBe(0);
    expect(device.isOnline).toBe(true);
  });

  it('answers a frame without id with a -103 error frame', async () => {
    const frame = await rpcFrame(device.port, { src: 'me', method: 'Sys.GetStatus' });
    expect(frame).toEqual({
      src: device.id,
      dst: 'me',
      error: { code: -103, message: "Missing required 'id'" },
    });
  });

  it.each([
    ['malformed JSON', '{"id":1,"method":'],
    ['a frame without method', '{"id":1,"src":"me"}'],
    ['binary noise', '\u0000\u00ff\u0001'],
  ])('answers %s with HTTP 400 and keeps serving', async (_, body) => {
    const reply = await httpRequest(device.port, { method: 'POST', path: '/rpc', body });
    expect(reply.status).toBe(400);
    expect(reply.text).toBe('Invalid request');
    expect(await rpcResult(device.port, 'Shelly.GetDeviceInfo')).toMatchObject({ id: device.id });
  });

  it('answers an oversized body with 413 and keeps serving', async () => {
    const body = JSON.stringify({ id: 1, method: 'Sys.GetStatus', params: { pad: 'x'.repeat(200 * 1024) } });
    const reply = await httpRequest(device.port, { method: 'POST', path: '/rpc', body });
    expect(reply.status).toBe(413);
    expect(await rpcResult(device.port, 'Sys.GetStatus')).toMatchObject({ mac: device.mac });
  });

  it('answers unknown paths with 404', async () => {
    expect((await httpRequest(device.port, { path: '/settings' })).status).toBe(404);
  });
});

describe('GET /rpc/<Method> REST form', () => {
  const target = (): SimulatedShelly => fleet.devices[1];

  it('answers with the bare result and HTTP 200', async () => {
    const { status, json } = await getJson(target().port, '/rpc/Shelly.GetDeviceInfo');
    expect(status).toBe(200);
    expect(json).toMatchObject({ id: target().id, mac: target().mac });
  });

  it('takes JSON-valued query parameters (bare numbers and booleans)', async () => {
    expect(await getJson(target().port, '/rpc/Switch.Set?id=0&on=true')).toEqual({
      status: 200,
      json: { was_on: false },
    });
    const { json } = await getJson(target().port, '/rpc/Switch.GetStatus?id=0');
    expect(json).toMatchObject({ id: 0, output: true });
  });

  it('passes a quoted string through as a string, and rejects an unquoted one', async () => {
    const quoted = await getJson(target().port, '/rpc/Shelly.Reboot?delay_ms=%22soon%22');
    expect(quoted).toEqual({ status: 500, json: { code: -103, message: "Invalid argument 'delay_ms'" } });
    const unquoted = await getJson(target().port, '/rpc/Shelly.Reboot?delay_ms=soon');
    expect(unquoted).toEqual({ status: 500, json: { code: -103, message: "Invalid argument 'params'" } });
    expect(target().counters.reboots).toBe(0);
  });

  it('answers an error with the bare error object: HTTP 404 for 404, 500 otherwise', async () => {
    expect(await getJson(target().port, '/rpc/Nope.Missing')).toEqual({
      status: 404,
      json: { code: 404, message: 'No handler for Nope.Missing' },
    });
    expect(await getJson(target().port, '/rpc/Switch.GetStatus?id=9')).toEqual({
      status: 500,
      json: { code: -105, message: 'Bad id=9' },
    });
  });

  it('takes params from a JSON body on POST /rpc/<Method>', async () => {
    const reply = await httpRequest(target().port, {
      method: 'POST',
      path: '/rpc/Switch.GetStatus',
      body: '{"id":0}',
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toMatchObject({ id: 0 });
  });

  it('counts every request to /rpc and /rpc/<Method>, but not /shelly', async () => {
    const before = target().counters.rpcRequests;
    await getJson(target().port, '/rpc/Sys.GetStatus');
    await rpcFrame(target().port, { id: 1, src: 'me', method: 'Nope.Nope' });
    await getJson(target().port, '/shelly');
    expect(target().counters.rpcRequests).toBe(before + 2);
  });
});
