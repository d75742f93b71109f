import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { commands } from '../../shared/ipc/contract';
import { MAX_FRAME_BYTES } from '../../shared/ipc/frame-limits';
import { ok, fail } from '../../shared/ipc/result';
import type { Dispatch } from '../core/ipc/command-dispatcher';
import { silentLogger } from '../core/logging/json-logger';
import { makeTempDir } from '../../test-support/core/temp-dir';
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
    new Promise<unknown>((resolve, reject) => {
      ws.once('message', (data) => resolve(JSON.parse(data.toString())));
      ws.once('close', (code) => reject(new Error(`the socket closed with ${code} instead of answering`)));
    });

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

  const invokeFrame = (id: number, name: string, input: unknown) =>
    JSON.stringify({ type: 'invoke', id, name, input });

  it('dispatches the largest requests the contract allows: a 0.8 MB and a 5 MB CSV, a 1 MB template', async () => {
    const ws = await connect(`${base.replace('http', 'ws')}/ipc?token=${TOKEN}`);
    const csvChars = commands['discovery.importCsv'].input.shape.contentBase64.maxLength!;
    const templateChars = commands['templates.import'].input.shape.content.maxLength!;
    const requests = [
      ['discovery.importCsv', { fileName: 'site.csv', contentBase64: 'QUJD'.repeat(280_000) }],
      ['discovery.importCsv', { fileName: 'site.csv', contentBase64: 'A'.repeat(csvChars) }],
      // Control characters are the worst case: six bytes each in JSON.
      ['templates.import', { fileName: 't.json', content: '\u0001'.repeat(templateChars) }],
    ] as const;
    for (const [index, [name, input]] of requests.entries()) {
      const before = calls.length;
      const frame = invokeFrame(20 + index, name, input);
      expect(Buffer.byteLength(frame)).toBeGreaterThan(1 << 20);
      ws.send(frame);
      expect(await nextFrame(ws)).toMatchObject({ type: 'result', id: 20 + index });
      expect(calls.slice(before).map((c) => c.name)).toEqual([name]);
    }
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('answers a request above the cap with PAYLOAD_TOO_LARGE, without running it, and keeps the socket', async () => {
    const ws = await connect(`${base.replace('http', 'ws')}/ipc?token=${TOKEN}`);
    const before = calls.length;
    const closed = vi.fn();
    ws.on('close', closed);
    const input = { fileName: 'huge.csv', contentBase64: 'A'.repeat(MAX_FRAME_BYTES) };
    ws.send(invokeFrame(30, 'discovery.importCsv', input));
    expect(await nextFrame(ws)).toEqual({
      type: 'result',
      id: 30,
      result: {
        ok: false,
        error: {
          code: 'PAYLOAD_TOO_LARGE',
          message: expect.stringMatching(
            /^this request is \d+\.\d MB, more than the \d+\.\d MB Fieldbatch takes at once$/,
          ),
          details: { bytes: expect.any(Number), maxBytes: MAX_FRAME_BYTES },
        },
      },
    });
    expect(calls.length).toBe(before);
    ws.send(invokeFrame(31, 'devices.list', {}));
    expect(await nextFrame(ws)).toEqual({ type: 'result', id: 31, result: { ok: true, value: [] } });
    expect(closed).not.toHaveBeenCalled();
    ws.close();
  });
});
