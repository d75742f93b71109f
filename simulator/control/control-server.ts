import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultSpecError, parseFaultSpec } from '../faults/fault-grammar';
import type { Fault } from '../faults/fault-types';
import type { DeviceSnapshot } from './device-snapshot';

/** The part of a simulation the control endpoint serves. */
export interface Controllable {
  devices: readonly {
    snapshot(): DeviceSnapshot;
    setFault(faults: Fault[] | null): void;
  }[];
  device(key: string): { snapshot(): DeviceSnapshot; setFault(faults: Fault[] | null): void } | undefined;
}

export interface ControlServer {
  readonly url: string;
  stop(): Promise<void>;
}

const MAX_BODY = 16 * 1024;

/** `slow:200-800ms,hang` (rules without targets) → faults for one device. */
export function parseDeviceFaults(text: string): Fault[] {
  const rules = text
    .split(',')
    .map((rule) => rule.trim())
    .filter((rule) => rule !== '')
    .map((rule) => {
      const [kind, ...args] = rule.split(':');
      return [kind, 'all', ...args].join(':');
    });
  return parseFaultSpec(rules.join(',')).map((rule) => rule.fault);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
      if (body.length > MAX_BODY) {
        req.destroy();
        resolve(undefined);
      }
    });
    req.on('end', () => resolve(body));
    req.on('error', () => resolve(undefined));
  });
}

/**
 * Control endpoint on 127.0.0.1 (see simulator/README.md):
 * - `GET /health` → `{ok, devices, rss_mb}`
 * - `GET /devices` → every DeviceSnapshot
 * - `GET /devices/<id|mac|ref>` → one snapshot (404 `{"error":"no such device"}`)
 * - `PUT /devices/<id|mac|ref>/faults` with a body like `slow:200-800ms,flaky:0.2` (empty = clear) → snapshot
 */
export async function startControlServer(target: Controllable, port = 0): Promise<ControlServer> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://control');
    const parts = url.pathname
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent);
    if (req.method === 'GET' && url.pathname === '/health') {
      return send(res, 200, {
        ok: true,
        devices: target.devices.length,
        rss_mb: Math.round(process.memoryUsage().rss / 1048576),
      });
    }
    if (parts[0] !== 'devices') return send(res, 404, { error: 'not found' });
    if (parts.length === 1 && req.method === 'GET')
      return send(
        res,
        200,
        target.devices.map((d) => d.snapshot()),
      );
    const device = parts[1] === undefined ? undefined : target.device(parts[1]);
    if (device === undefined) return send(res, 404, { error: 'no such device' });
    if (parts.length === 2 && req.method === 'GET') return send(res, 200, device.snapshot());
    if (parts.length === 3 && parts[2] === 'faults' && req.method === 'PUT') {
      const body = await readBody(req);
      if (body === undefined) return send(res, 413, { error: 'body too large' });
      try {
        device.setFault(body.trim() === '' ? null : parseDeviceFaults(body));
      } catch (error) {
        if (error instanceof FaultSpecError) return send(res, 400, { error: error.message });
        throw error;
      }
      return send(res, 200, device.snapshot());
    }
    send(res, 405, { error: 'method not allowed' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
