import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../index';
import { challengeFromHeader, ha1, jsonAuth } from '../test-support/digest-client';
import { getJson, httpRequest, rpcFrame, rpcResult, waitUntil } from '../test-support/http-client';
import { sysEvents, WsRpcClient } from '../test-support/ws-rpc-client';

let fleet: ShellyFleet;
beforeAll(async () => {
  fleet = await startShellyFleet({ count: 3, seed: 61, bootTimeMs: 100, mdns: false });
});
afterAll(async () => {
  await fleet?.stop();
});

describe('SetConfig', () => {
  it('Sys.SetConfig applies a partial config, bumps cfg_rev and counts the write', async () => {
    const device = fleet.devices[0];
    const before = (await rpcResult(device.port, 'Sys.GetConfig')) as { cfg_rev: number };
    const result = await rpcResult(device.port, 'Sys.SetConfig', {
      config: { device: { name: 'Hall-1' }, location: { tz: 'Europe/Berlin' } },
    });
    expect(result).toEqual({ restart_required: false });
    const after = (await rpcResult(device.port, 'Sys.GetConfig')) as Record<
      string,
      { name?: string; tz?: string }
    > & { cfg_rev: number };
    expect(after.device.name).toBe('Hall-1');
    expect(after.location.tz).toBe('Europe/Berlin');
    expect(after.cfg_rev).toBe(before.cfg_rev + 1);
    expect((await rpcResult(device.port, 'Sys.GetStatus')) as object).toMatchObject({
      cfg_rev: before.cfg_rev + 1,
    });
    expect((await getJson(device.port, '/shelly')).json).toMatchObject({ name: 'Hall-1' });
    expect(device.counters.configWrites).toBe(1);
  });

  it('rejects a missing config or a value of the wrong type with -103 and changes nothing', async () => {
    const device = fleet.devices[0];
    const missing = await rpcFrame(device.port, { id: 1, src: 't', method: 'Sys.SetConfig', params: {} });
    expect(missing.error).toEqual({ code: -103, message: "Missing required 'config'" });
    const wrong = await rpcFrame(device.port, {
      id: 2,
      src: 't',
      method: 'Sys.SetConfig',
      params: { config: { device: { name: 'X', eco_mode: 'yes' } } },
    });
    expect(wrong.error).toMatchObject({ code: -103 });
    expect(
      ((await rpcResult(device.port, 'Sys.GetConfig')) as { device: { name: string } }).device.name,
    ).toBe('Hall-1');
  });

  it('Mqtt.SetConfig needs a restart and Sys.GetStatus says so until the reboot', async () => {
    const device = fleet.devices[1];
    const result = await rpcResult(device.port, 'Mqtt.SetConfig', {
      config: { enable: true, server: '127.0.0.1:1883' },
    });
    expect(result).toEqual({ restart_required: true });
    expect(await rpcResult(device.port, 'Mqtt.GetConfig')).toMatchObject({
      enable: true,
      server: '127.0.0.1:1883',
    });
    expect(await rpcResult(device.port, 'Sys.GetStatus')).toMatchObject({ restart_required: true });
    await rpcResult(device.port, 'Shelly.Reboot');
    await waitUntil(() => device.counters.reboots === 1 && device.isOnline, {
      what: 'reboot',
      timeoutMs: 3000,
    });
    await waitUntil(
      async () => (await getJson(device.port, '/shelly').catch(() => ({ status: 0 }))).status === 200,
      { what: 'back' },
    );
    expect(await rpcResult(device.port, 'Sys.GetStatus')).toMatchObject({ restart_required: false });
  });

  it('Wifi and Switch Get/SetConfig basics; a bad switch id is -105', async () => {
    const device = fleet.devices[2];
    expect(await rpcResult(device.port, 'Wifi.SetConfig', { config: { sta: { ssid: 'site-net' } } })).toEqual(
      { restart_required: false },
    );
    expect(await rpcResult(device.port, 'Wifi.GetConfig')).toMatchObject({ sta: { ssid: 'site-net' } });
    expect(await rpcResult(device.port, 'Wifi.GetStatus')).toMatchObject({
      ssid: 'site-net',
      status: 'got ip',
    });
    expect(
      await rpcResult(device.port, 'Switch.SetConfig', { id: 0, config: { name: 'Pump', auto_off: true } }),
    ).toEqual({ restart_required: false });
    expect(await rpcResult(device.port, 'Switch.GetConfig', { id: 0 })).toMatchObject({
      id: 0,
      name: 'Pump',
      auto_off: true,
    });
    const bad = await rpcFrame(device.port, {
      id: 1,
      src: 't',
      method: 'Switch.SetConfig',
      params: { id: 9, config: {} },
    });
    expect(bad.error).toEqual({ code: -105, message: 'Bad id=9' });
  });
});

describe('WebSocket /rpc notifications', () => {
  it('pushes config_changed and NotifyStatus only to clients that sent a request with src', async () => {
    const device = fleet.devices[2];
    const quiet = await WsRpcClient.connect(device.port);
    const listening = await WsRpcClient.connect(device.port);
    try {
      expect((await quiet.request({ method: 'Sys.GetStatus' })).result).toMatchObject({ mac: device.mac });
      const hello = await listening.request({ src: 'ui-7', method: 'Shelly.GetDeviceInfo' });
      expect(hello).toMatchObject({ src: device.id, dst: 'ui-7', result: { id: device.id } });
      await rpcResult(device.port, 'Sys.SetConfig', { config: { device: { name: 'Lab' } } });
      const event = await listening.waitForNotification((f) => f.method === 'NotifyEvent');
      expect(event).toMatchObject({ src: device.id, dst: 'ui-7' });
      expect(sysEvents([event])[0]).toMatchObject({
        component: 'sys',
        event: 'config_changed',
        restart_required: false,
      });
      expect(typeof (event.params as { ts: unknown }).ts).toBe('number');
      await listening.waitForNotification((f) => f.method === 'NotifyStatus');
      await rpcResult(device.port, 'Switch.Set', { id: 0, on: true });
      const status = await listening.waitForNotification(
        (f) => f.method === 'NotifyStatus' && 'switch:0' in (f.params as object),
      );
      expect(status.params).toMatchObject({ 'switch:0': { id: 0, output: true } });
      expect(quiet.notifications).toEqual([]);
    } finally {
      await quiet.close();
      await listening.close();
    }
  });

  it('survives garbage frames, answers bad frames as the HTTP channel does and closes on oversized frames', async () => {
    const device = fleet.devices[1];
    const ws = await WsRpcClient.connect(device.port);
    ws.sendRaw('{"id":1,');
    ws.sendRaw(Buffer.from([0xff, 0x00, 0x13]));
    expect((await ws.request({ src: 'g', method: 'Nope.Nothing' })).error).toEqual({
      code: 404,
      message: 'No handler for Nope.Nothing',
    });
    ws.sendRaw('{"src":"g","method":"Sys.GetStatus"}');
    await ws.waitForNotification((f) => (f.error as { code?: number } | undefined)?.code === -103);
    const closed = ws.closed();
    ws.sendRaw('x'.repeat(70 * 1024));
    expect(await closed).toBe(1009);
    expect(await rpcResult(device.port, 'Shelly.GetDeviceInfo')).toMatchObject({ id: device.id });
  });

  it('drops WebSocket connections when the device reboots', async () => {
    const device = fleet.devices[0];
    const ws = await WsRpcClient.connect(device.port);
    await ws.request({ src: 'r', method: 'Shelly.Reboot' });
    await ws.closed();
    expect(ws.isOpen).toBe(false);
  });
});

describe('Shelly.FactoryReset', () => {
  it('wipes config and name, turns auth off and reboots', async () => {
    const device = fleet.devices[2];
    const reboots = device.counters.reboots;
    await rpcResult(device.port, 'Sys.SetConfig', { config: { device: { name: 'Doomed' } } });
    await rpcResult(device.port, 'Shelly.SetAuth', {
      user: 'admin',
      realm: device.id,
      ha1: ha1(device.id, 'pw'),
    });
    const refused = await httpRequest(device.port, {
      method: 'POST',
      path: '/rpc',
      body: '{"id":1,"src":"t","method":"Shelly.FactoryReset"}',
    });
    expect(refused.status).toBe(401);
    const message = challengeFromHeader(refused.headers['www-authenticate'] as string);
    const reset = await rpcFrame(device.port, {
      id: 2,
      src: 't',
      method: 'Shelly.FactoryReset',
      auth: jsonAuth(message, 'pw'),
    });
    expect(reset).toMatchObject({ result: null });
    await waitUntil(() => device.counters.reboots === reboots + 1 && device.isOnline, {
      what: 'reboot',
      timeoutMs: 3000,
    });
    await waitUntil(
      async () => (await getJson(device.port, '/shelly').catch(() => ({ status: 0 }))).status === 200,
      { what: 'back' },
    );
    expect((await getJson(device.port, '/shelly')).json).toMatchObject({
      name: null,
      auth_en: false,
      auth_domain: null,
    });
    expect(await rpcResult(device.port, 'Switch.GetConfig', { id: 0 })).toMatchObject({
      name: null,
      auto_off: false,
    });
    expect(device.counters.resets).toBe(1);
  });
});
