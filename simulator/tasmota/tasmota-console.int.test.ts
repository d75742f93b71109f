import { ReadlineParser } from '@serialport/parser-readline';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, httpRequest } from '../test-support/http-client';
import { startTasmotaFleet } from './tasmota-fleet';
import type { TasmotaFleet } from './tasmota-types';

const LOG_LINE = /^\d{2}:\d{2}:\d{2}\.\d{3} [A-Z]{3}: /;

let fleet: TasmotaFleet;
let port: SerialPort;
const lines: string[] = [];
const wakers = new Set<() => void>();

function waitForLine(match: (line: string) => boolean, from: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const found = lines.slice(from).find(match);
      if (found === undefined) return false;
      clearTimeout(timer);
      wakers.delete(check);
      resolve(found);
      return true;
    };
    const timer = setTimeout(
      () => reject(new Error(`no serial line matched; saw ${JSON.stringify(lines.slice(from))}`)),
      5000,
    );
    if (!check()) wakers.add(check);
  });
}

beforeAll(async () => {
  fleet = await startTasmotaFleet({
    count: 3,
    seed: 95,
    serialCount: 1,
    bootTimeMs: 100,
    backlogDelayMs: 10,
    webPassword: 'pw1',
  });
  port = new SerialPort({ path: fleet.devices[0].serialPath!, baudRate: 115200 });
  port.pipe(new ReadlineParser({ delimiter: '\n' })).on('data', (line: string) => {
    lines.push(line.replace(/\r$/, ''));
    for (const wake of wakers) wake();
  });
  await new Promise((resolve) => port.on('open', resolve));
});
afterAll(async () => {
  if (port?.isOpen) await new Promise((resolve) => port.close(resolve));
  await fleet?.stop();
});

const cm = (index: number, query: string): Promise<{ status: number; json: unknown }> =>
  getJson(fleet.devices[index].port, `/cm?user=admin&password=pw1&${query}`);

describe('HTTP /cm', () => {
  it('runs a command and answers its JSON', async () => {
    expect(await cm(1, 'cmnd=DeviceName%20Shed')).toEqual({ status: 200, json: { DeviceName: 'Shed' } });
    expect(await cm(1, 'cmnd=Nope')).toEqual({ status: 200, json: { Command: 'Unknown' } });
  });

  it('answers Status 0 and Status0 with the full status object (/cm merges what was logged)', async () => {
    const { json } = await cm(1, 'cmnd=Status%200');
    expect(Object.keys((await cm(1, 'cmnd=Status0')).json as object)).toEqual(Object.keys(json as object));
    expect(Object.keys(json as object)).toEqual([
      'Status',
      'StatusPRM',
      'StatusFWR',
      'StatusLOG',
      'StatusMEM',
      'StatusNET',
      'StatusTIM',
      'StatusSNS',
      'StatusSTS',
    ]);
  });

  it('merges the results of a Backlog into one object', async () => {
    const { json } = await cm(1, 'cmnd=Backlog%20Timezone%203%3BFriendlyName1%20Dock%3BReset%201');
    expect(json).toEqual({ Timezone: '+03:00', FriendlyName1: 'Dock' });
    expect(fleet.devices[1].counters.resets).toBe(0);
  });

  it('warns about a missing cmnd, and refuses wrong credentials with HTTP 401', async () => {
    expect(await cm(1, 'x=1')).toEqual({ status: 200, json: { WARNING: 'Enter command cmnd=' } });
    // PROTOCOLS.md §2.6 (corrected 2026-12-07), xdrv_01_9_webserver.ino WebAuthenticate.
    const port = fleet.devices[1].port;
    expect((await getJson(port, '/cm?cmnd=Status&user=admin&password=bad')).status).toBe(401);
    expect((await getJson(port, '/cm?cmnd=Status')).status).toBe(401);
    const basic = (secret: string) => ({
      authorization: `Basic ${Buffer.from(`admin:${secret}`).toString('base64')}`,
    });
    const good = await httpRequest(port, { path: '/cm?cmnd=Status%202', headers: basic('pw1') });
    expect(good.status).toBe(200);
    expect(Object.keys(JSON.parse(good.text) as object)).toEqual(['StatusFWR']);
    // The Basic header is tried first: a wrong one is refused even with the right query.
    const wrong = await httpRequest(port, {
      path: '/cm?cmnd=Status&user=admin&password=pw1',
      headers: basic('bad'),
    });
    expect(wrong.status).toBe(401);
  });

  it('applies HTTP faults from the shared model', async () => {
    const device = fleet.devices[2];
    device.setFault('http-500');
    expect((await httpRequest(device.port, { path: '/cm?cmnd=Status&user=admin&password=pw1' })).status).toBe(
      500,
    );
    device.setFault({ kind: 'offline', mode: 'refuse' });
    await expect(httpRequest(device.port, { path: '/cm?cmnd=Status' })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    device.setFault(null);
    await expect.poll(async () => (await cm(2, 'cmnd=Status').catch(() => ({ status: 0 }))).status).toBe(200);
  });
});

describe('serial console', () => {
  it('echoes CMD: and logs the result as RSL: when there is no MQTT', async () => {
    const from = lines.length;
    port.write('Status 2\n');
    expect(await waitForLine((l) => l.includes('CMD: '), from)).toMatch(
      /^\d{2}:\d{2}:\d{2}\.\d{3} CMD: Status 2$/,
    );
    const result = await waitForLine((l) => l.includes('RSL: '), from);
    expect(result).toMatch(LOG_LINE);
    const [, json] = /RSL: STATUS2 = (\{.*\})$/.exec(result)!;
    expect(Object.keys(JSON.parse(json) as object)).toEqual(['StatusFWR']);
  });

  it('logs one RSL: line per section for Status 0 and one STATUS0 line for Status0', async () => {
    let from = lines.length;
    port.write('Status 0\n');
    await waitForLine((l) => l.includes('RSL: STATUS11 = '), from);
    const levels = lines.slice(from).flatMap((l) => /RSL: (STATUS\d*) = \{/.exec(l)?.slice(1, 2) ?? []);
    expect(levels).toEqual([
      'STATUS',
      'STATUS1',
      'STATUS2',
      'STATUS3',
      'STATUS4',
      'STATUS5',
      'STATUS7',
      'STATUS10',
      'STATUS11',
    ]);
    from = lines.length;
    port.write('Status0\n');
    const merged = await waitForLine((l) => l.includes('RSL: STATUS0 = '), from);
    const [, json] = /RSL: STATUS0 = (\{.*\})$/.exec(merged)!;
    expect(Object.keys(JSON.parse(json) as object)).toHaveLength(9);
    expect(lines.slice(from).filter((l) => / RSL: STATUS\d+ = /.test(l))).toEqual([merged]);
  });

  it('ignores CR, discards a partial line at a byte > 127 and buffers split writes', async () => {
    const from = lines.length;
    port.write(Buffer.from('Devi'));
    port.write(Buffer.from([0xc3, 0xa9]));
    port.write('DeviceName Bench\r\n');
    const result = await waitForLine((l) => l.includes('RSL: RESULT'), from);
    expect(result).toMatch(/RSL: RESULT = \{"DeviceName":"Bench"\}$/);
    expect(lines.slice(from).filter((l) => l.includes('CMD: '))).toEqual([
      expect.stringMatching(/CMD: DeviceName Bench$/),
    ]);
  });

  it('survives binary noise and keeps answering', async () => {
    const from = lines.length;
    port.write(Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37) & 0xff)));
    port.write('\nTimezone 1\n');
    expect(await waitForLine((l) => l.includes('"Timezone":"+01:00"'), from)).toMatch(LOG_LINE);
  });

  it('never contacts the default off-machine OtaUrl: Upgrade 1 fails with connection failed', async () => {
    const from = lines.length;
    port.write('Upgrade 1\n');
    expect(await waitForLine((l) => l.includes('UPGRADE = '), from)).toMatch(
      /RSL: UPGRADE = \{"Upgrade":"Failed HTTP error: connection failed"\}$/,
    );
    expect(fleet.devices[0].counters).toMatchObject({ otaFailures: 1, flashes: 0 });
  });

  it('restarts on Restart 1 and logs it', async () => {
    const from = lines.length;
    port.write('Restart 1\n');
    await waitForLine((l) => l.includes('RSL: RESULT = {"Restart":"Restarting"}'), from);
    await waitForLine((l) => l.includes('HDW: '), from);
    expect(fleet.devices[0].counters.reboots).toBe(1);
  });
});

describe('drop on Tasmota', () => {
  it('answers the n-th command, then refuses HTTP for a while and comes back without restarting', async () => {
    const device = fleet.devices[1];
    device.setFault({ kind: 'drop', afterCommands: 1, forMs: 300 });
    expect(await cm(1, 'cmnd=DeviceName')).toEqual({ status: 200, json: { DeviceName: 'Shed' } });
    await expect.poll(() => device.isOnline).toBe(false);
    await expect(httpRequest(device.port, { path: '/cm?cmnd=Status' })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    await expect
      .poll(async () => (await cm(1, 'cmnd=Status').catch(() => ({ status: 0 }))).status, { timeout: 3000 })
      .toBe(200);
    expect(device.counters.reboots).toBe(0);
  });
});
