import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ok, fail } from '../../shared/ipc/result';
import type { Dispatch } from '../core/ipc/command-dispatcher';
import { silentLogger } from '../core/logging/json-logger';
import { makeTempDir } from '../core/test-support/temp-dir';
import { HeadlessServer } from './headless-server';

const TOKEN = 'test-token-0123456789abcdef';

describe('HeadlessServer', () => {
  const dir = makeTempDir();
  const calls: { name: unknown; input: unknown }[] = [];
  const dispatch: Dispatch = async (name, input) => {
    calls.push({ name, input });
    return name === 'devices.list' ? ok([]) : fail('INVALID_INPUT', 'bad');
  };
  let server: HeadlessServer;
  let base: string;

  beforeAll(async () => {
    const renderer = join(dir.path, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir.path, 'secret.txt'), 'do not serve');
    server = new HeadlessServer({
      bindAddress: '127.0.0.1',
      port: 0,
      rendererDir: renderer,
      token: TOKEN,
      dispatch,
      logger: silentLogger,
    });
    const { url, port } = await server.listen();
    base = `http://127.0.0.1:${port}`;
    expect(url).toBe(`${base}/?token=${TOKEN}`);
  });
  afterAll(async () => {
    await server.close();
    dir.cleanup();
  });

  const connect = (url: string, headers: Record<string, string> = {}) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });

  const nextFrame = (ws: WebSocket) =>
    new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));

  it('refuses pages without the token or with a wrong one', async () => {
    expect((await fetch(`${base}/`)).status).toBe(403);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(403);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(403);
    expect((await fetch(`${base}/`, { headers: { cookie: 'fieldbatch_token=nope' } })).status).toBe(403);
  });

  it('serves the renderer with the token, sets the cookie and the CSP', async () => {
    const page = await fetch(`${base}/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>t</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = page.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const asset = await fetch(`${base}/assets/app.js`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('never serves files outside the renderer directory', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/%00']) {
      const res = await fetch(`${base}${path}${path.includes('?') ? '&' : '?'}token=${TOKEN}`);
      expect(res.status, path).toBe(404);
    }
    expect((await fetch(`${base}/?token=${TOKEN}`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses WebSockets without the token, with a wrong one, or from another origin', async () => {
    await expect(connect(`${base.replace('http', 'ws')}/ipc`)).rejects.toThrow('HTTP 403');
    await expect(connect(`${base.replace('http', 'ws')}/ipc?token=wrong`)).rejects.toThrow('HTTP 403');
    await expect(
      connect(`${base.replace('http', 'ws')}/ipc?token=${TOKEN}`, { origin: 'http://evil.example' }),
    ).rejects.toThrow('HTTP 403');
    await expect(connect(`${base.replace('http', 'ws')}/other?token=${TOKEN}`)).rejects.toThrow('HTTP 403');
  });

  it('carries invokes, results and events over the WebSocket', async () => {
    const ws = await connect(`${base.replace('http', 'ws')}/ipc?token=${TOKEN}`, { origin: base });
    ws.send(JSON.stringify({ type: 'invoke', id: 7, name: 'devices.list', input: {} }));
    expect(await nextFrame(ws)).toEqual({ type: 'result', id: 7, result: { ok: true, value: [] } });
    ws.send(JSON.stringify({ type: 'invoke', id: 8, name: 'jobs.get', input: { jobId: 3 } }));
    expect(await nextFrame(ws)).toMatchObject({
      type: 'result',
      id: 8,
      result: { ok: false, error: { code: 'INVALID_INPUT' } },
    });
    const event = nextFrame(ws);
    const status = { sources: [], brokers: [], serialPorts: [], offeredBrokers: [], scans: [] };
    server.broadcast('discovery.statusChanged', status);
    expect(await event).toEqual({ type: 'event', name: 'discovery.statusChanged', payload: status });
    ws.close();
  });

  it('closes a socket that sends something other than invoke frames, without dispatching it', async () => {
    for (const garbage of [
      'not json',
      JSON.stringify({ type: 'invoke', id: -1, name: 'x' }),
      JSON.stringify([1, 2]),
    ]) {
      const before = calls.length;
      const ws = await connect(`${base.replace('http', 'ws')}/ipc?token=${TOKEN}`);
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.send(garbage);
      expect(await closed).toBe(4400);
      expect(calls.length).toBe(before);
    }
  });
});
