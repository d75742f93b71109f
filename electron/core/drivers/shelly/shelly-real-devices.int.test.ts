import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  authCaptures,
  shellyCaptures,
  type AuthCapture,
  type ShellyCapture,
} from '../../../../conformance/fixture-files';
import { FakeStepServices } from '../../test-support/fake-step-services';
import { endpointOf, failure, makeDriver, targetOf, type TestDriver } from './shelly-test-kit';

/**
 * Real Shelly replies (fixtures/real-devices/shelly, …/shelly-auth; sources in its SOURCES.md) served over
 * loopback HTTP as the device would serve them, and the driver run against them: identify from `/shelly`,
 * the state from `Sys.GetStatus` (the `sys` of the captured `Shelly.GetStatus`), and the login through each
 * captured HTTP 401 challenge, byte for byte as the device sent it.
 */
type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const drivers: TestDriver[] = [];
const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of servers.splice(0)) await close();
});
afterAll(() => drivers.forEach((t) => t.http.close()));

async function serve(handler: Handler): Promise<{ host: string; port: number; mac: string; model: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { host: '127.0.0.1', port: (server.address() as { port: number }).port, mac: '', model: '' };
}

const json = (res: ServerResponse, status: number, value: unknown) => {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
};

/** The reply frame Mongoose sends for a request frame (§1.2). */
const frameReply = (res: ServerResponse, body: string, src: string, result: unknown) => {
  const request = JSON.parse(body) as { id: number; src: string };
  json(res, 200, { id: request.id, src, dst: request.src, result });
};

const driver = () => {
  const t = makeDriver();
  drivers.push(t);
  return t;
};

const ctx = (services = new FakeStepServices()) => ({ signal: AbortSignal.timeout(5_000), services });

const withInfo = shellyCaptures().filter((c) => c.deviceInfo !== null);

/** Serves the capture: `/shelly`, and `Sys.GetStatus` as the `sys` of its `Shelly.GetStatus` when captured. */
async function replay(capture: ShellyCapture) {
  const info = capture.deviceInfo!;
  const address = await serve((req, body, res) => {
    if (req.method === 'GET' && req.url === '/shelly') return json(res, 200, info);
    const method = (JSON.parse(body) as { method: string }).method;
    if (method === 'Sys.GetStatus' && capture.status)
      return frameReply(res, body, String(info.id), capture.status.sys);
    json(res, 404, {});
  });
  return { ...address, mac: String(info.mac), model: String(info.model) };
}

describe.each(withInfo.map((c) => [c.folder, c] as const))('the real Shelly %s', (_folder, capture) => {
  it('is identified from its /shelly reply over HTTP', async () => {
    const info = capture.deviceInfo!;
    const d = await replay(capture);
    const identified = await driver().driver.identify(endpointOf(d), { signal: AbortSignal.timeout(5_000) });
    expect(identified).toMatchObject({
      id: `mac:${String(info.mac).toLowerCase()}`,
      model: info.model,
      product: info.app,
      generation: info.gen,
      firmware: info.ver,
    });
  });
});

const withStatus = withInfo.filter((c) => c.status !== null);

describe.each(withStatus.map((c) => [c.folder, c] as const))('the real Shelly %s', (_folder, capture) => {
  it('has its firmware and uptime read back over HTTP', async () => {
    const d = await replay(capture);
    const state = await driver().driver.readState(targetOf(d), ctx());
    expect(state).toMatchObject({
      firmware: capture.deviceInfo!.ver,
      uptimeSeconds: (capture.status!.sys as { uptime: number }).uptime,
    });
  });
});

/** RFC 7616 digest check of an `Authorization: Digest` header against a captured challenge, for POST /rpc. */
function isValidAnswer(
  header: string | undefined,
  expected: AuthCapture['expected'],
  password: string,
): boolean {
  if (!header?.startsWith('Digest ')) return false;
  const p = new Map<string, string>();
  for (const part of header.slice(7).split(/,\s*/)) {
    const eq = part.indexOf('=');
    p.set(part.slice(0, eq), part.slice(eq + 1).replace(/^"|"$/g, ''));
  }
  const h = (text: string) => createHash('sha256').update(text).digest('hex');
  const ha1 = h(`admin:${expected.realm}:${password}`);
  const response = h(`${ha1}:${p.get('nonce')}:${p.get('nc')}:${p.get('cnonce')}:auth:${h('POST:/rpc')}`);
  const isOpaqueOk = expected.opaque === undefined || p.get('opaque') === expected.opaque;
  return p.get('nonce') === String(expected.nonce) && p.get('response') === response && isOpaqueOk;
}

const PASSWORD = 'replay-pw';
const httpChallenges = authCaptures().filter(([, c]) => c.transport === 'http' && !c.expected.stale);

/**
 * A device that answers with the captured 401 until a request carries a right answer to it. With `stale`, the
 * second right answer (the cached nonce reused) gets that captured `stale=true` challenge, as an expired nonce.
 */
async function challenging(capture: AuthCapture, stale?: AuthCapture) {
  const { realm } = capture.expected;
  const mac = realm.slice(-12).toUpperCase();
  const info = {
    id: realm,
    mac,
    gen: 2,
    model: 'X',
    app: 'X',
    ver: '1.0.0',
    fw_id: '20240101-000000/1.0.0-g0',
  };
  let accepted = 0;
  const address = await serve((req, body, res) => {
    if (req.method === 'GET' && req.url === '/shelly') return json(res, 200, info);
    const refuse = (c: AuthCapture) => {
      res.writeHead(c.status!, c.headers);
      res.end(c.body);
    };
    if (!isValidAnswer(req.headers.authorization, capture.expected, PASSWORD)) return refuse(capture);
    accepted += 1;
    if (stale && accepted === 2) return refuse(stale);
    frameReply(res, body, realm, { mac, uptime: 42 });
  });
  return { ...address, mac, model: 'X' };
}

describe.each(httpChallenges)('the real HTTP 401 challenge %s', (_file, capture) => {
  const services = new FakeStepServices({ siteCredentials: { username: 'admin', password: PASSWORD } });

  it('is answered with a digest the device accepts (opaque echoed where sent)', async () => {
    const d = await challenging(capture);
    const t = driver();
    const state = await t.driver.readState(targetOf(d), ctx(services));
    expect(state.uptimeSeconds).toBe(42);
    expect(t.authEvents.map((e) => e.kind)).toEqual(['challenged']);
  });

  it('fails a wrong password at once with a clear reason', async () => {
    const d = await challenging(capture);
    const wrong = new FakeStepServices({ siteCredentials: { username: 'admin', password: 'nope' } });
    const error = await failure(driver().driver.readState(targetOf(d), ctx(wrong)));
    expect(error).toMatchObject({
      reason: 'device-error',
      message: `wrong password for ${capture.expected.realm}`,
    });
  });
});

describe('a real stale=true challenge (fixtures/real-devices/shelly-auth/fw2.0.0-http-plugsg3-stale-reconstructed.json)', () => {
  const [, fresh] = authCaptures().find(([file]) => file === 'fw2.0.0-http-plugsg3-reconstructed.json')!;
  const [, stale] = authCaptures().find(
    ([file]) => file === 'fw2.0.0-http-plugsg3-stale-reconstructed.json',
  )!;

  it('makes the driver take the nonce again, never a wrong-password verdict', async () => {
    const d = await challenging(fresh, stale);
    const t = driver();
    const services = new FakeStepServices({ siteCredentials: { username: 'admin', password: PASSWORD } });
    await t.driver.readState(targetOf(d), ctx(services));
    expect((await t.driver.readState(targetOf(d), ctx(services))).uptimeSeconds).toBe(42);
    expect(t.authEvents.map((e) => e.kind)).toEqual(['challenged', 'reused', 'stale']);
  });
});
