import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet, type SimulatedShelly } from '../index';
import { curl } from '../test-support/mosquitto-clients';

/**
 * Conformance of the simulated Shelly Gen2+ HTTP channel against PROTOCOLS.md §1.2, §1.3, §1.6 and
 * §1.8, driven by curl (an independent HTTP and RFC 7616 digest client).
 */
const PASSWORD = 'conf-pw';
let fleet: ShellyFleet;
let open: ShellyFleet;

beforeAll(async () => {
  fleet = await startShellyFleet({
    count: 2,
    seed: 111,
    mdns: false,
    auth: { password: PASSWORD },
    authStyles: { 0: 'legacy', 1: 'fw2' },
  });
  open = await startShellyFleet({ count: 6, seed: 112, mdns: false });
});
afterAll(async () => {
  await fleet?.stop();
  await open?.stop();
});

const base = (device: SimulatedShelly): string => `http://127.0.0.1:${device.port}`;
const frame = (method: string, params?: object): string =>
  JSON.stringify({ id: 7, src: 'curl-1', method, params });

/** `curl -i` output split into status, headers and body. */
async function curlFull(
  args: string[],
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const text = await curl(['-i', ...args]);
  const blocks = text.split('\r\n\r\n');
  const last = blocks.findLastIndex((block) => block.startsWith('HTTP/'));
  const [statusLine, ...headerLines] = blocks[last].split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: blocks.slice(last + 1).join('\r\n\r\n') };
}

describe('§1.3 identity', () => {
  it('GET /shelly has the GetDeviceInfo fields with the documented formats on every model', async () => {
    for (const device of open.devices) {
      const info = JSON.parse(await curl([`${base(device)}/shelly`])) as Record<string, unknown>;
      const keys = [
        'name',
        'id',
        'mac',
        'slot',
        'model',
        'gen',
        'fw_id',
        'ver',
        'app',
        'auth_en',
        'auth_domain',
      ];
      expect(Object.keys(info).filter((k) => k !== 'profile')).toEqual(keys);
      expect(info.mac).toMatch(/^[0-9A-F]{12}$/);
      expect(info.id).toBe(`${String(info.id).split('-')[0]}-${String(info.mac).toLowerCase()}`);
      expect(info.fw_id).toMatch(/^\d{8}-\d{6}\/\d+\.\d+\.\d+(-[\w.]+)?-g[0-9a-f]{7}$/);
      expect([2, 3, 4]).toContain(info.gen);
      expect(info).toMatchObject({ auth_en: false, auth_domain: null });
    }
  });

  it('Shelly.GetDeviceInfo with ident adds key, batch and fw_sbits', async () => {
    const info = JSON.parse(
      await curl([`${base(open.devices[0])}/rpc/Shelly.GetDeviceInfo?ident=true`]),
    ) as object;
    expect(info).toHaveProperty('key');
    expect(info).toHaveProperty('batch');
    expect(info).toHaveProperty('fw_sbits');
  });
});

describe('§1.2 frames and §1.8 errors', () => {
  const device = (): SimulatedShelly => open.devices[1];

  it('answers a request frame with id, src, dst, result in that order', async () => {
    const reply = JSON.parse(
      await curl(['-X', 'POST', '-d', frame('Sys.GetConfig'), `${base(device())}/rpc`]),
    ) as object;
    expect(Object.keys(reply)).toEqual(['id', 'src', 'dst', 'result']);
    expect(reply).toMatchObject({ id: 7, src: device().id, dst: 'curl-1' });
  });

  it.each([
    ['Nope.Nothing', undefined, { code: 404, message: 'No handler for Nope.Nothing' }],
    ['Switch.GetStatus', {}, { code: -103, message: "Missing required 'id'" }],
    ['Switch.GetStatus', { id: 7 }, { code: -105, message: 'Bad id=7' }],
  ])('error frame for %s %j', async (method, params, error) => {
    const reply = JSON.parse(
      await curl(['-X', 'POST', '-d', frame(method, params), `${base(device())}/rpc`]),
    ) as object;
    expect(reply).toEqual({ id: 7, src: device().id, dst: 'curl-1', error });
  });

  it('REST form: bare result, bare error with HTTP 404 / 500, JSON-valued query parameters', async () => {
    const ok = await curlFull([`${base(device())}/rpc/Switch.Set?id=0&on=true`]);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ was_on: false });
    const missing = await curlFull([`${base(device())}/rpc/Nope.Nothing`]);
    expect([missing.status, JSON.parse(missing.body)]).toEqual([
      404,
      { code: 404, message: 'No handler for Nope.Nothing' },
    ]);
    const bad = await curlFull([`${base(device())}/rpc/Switch.GetStatus?id=9`]);
    expect([bad.status, JSON.parse(bad.body)]).toEqual([500, { code: -105, message: 'Bad id=9' }]);
  });

  it('survives malformed and oversized bodies', async () => {
    expect((await curlFull(['-X', 'POST', '-d', '{"id":', `${base(device())}/rpc`])).status).toBe(400);
    expect(
      (await curlFull(['-X', 'POST', '-H', 'Expect:', '-d', 'x'.repeat(70_000), `${base(device())}/rpc`]))
        .status,
    ).toBe(413);
    expect((await curlFull([`${base(device())}/shelly`])).status).toBe(200);
  });
});

describe('§1.6 digest auth with curl', () => {
  it.each([0, 1])('device %i: 401 with the RFC 7616 challenge, then curl --digest gets in', async (index) => {
    const device = fleet.devices[index];
    const refused = await curlFull(['-X', 'POST', '-d', frame('Sys.GetStatus'), `${base(device)}/rpc`]);
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(
      new RegExp(`^Digest qop="auth", realm="${device.id}", nonce="[^"]+", algorithm=SHA-256$`),
    );
    // mg_rpc_channel_http.c sends the HTTP challenge with Content-Length 0: no JSON error frame (§1.6).
    expect(refused.body).toBe('');
    const ok = JSON.parse(
      await curl([
        '--digest',
        '-u',
        `admin:${PASSWORD}`,
        '-X',
        'POST',
        '-d',
        frame('Sys.GetStatus'),
        `${base(device)}/rpc`,
      ]),
    ) as object;
    expect(ok).toMatchObject({ id: 7, dst: 'curl-1', result: { mac: device.mac } });
    const rest = JSON.parse(
      await curl(['--digest', '-u', `admin:${PASSWORD}`, `${base(device)}/rpc/Shelly.GetConfig`]),
    ) as object;
    expect(rest).toHaveProperty('sys');
    const wrong = await curlFull(['--digest', '-u', 'admin:nope', `${base(device)}/rpc/Shelly.GetConfig`]);
    expect(wrong.status).toBe(401);
  });

  it('keeps /shelly and Shelly.GetDeviceInfo open with auth on', async () => {
    const device = fleet.devices[1];
    expect(JSON.parse(await curl([`${base(device)}/shelly`]))).toMatchObject({
      auth_en: true,
      auth_domain: device.id,
    });
    expect((await curlFull([`${base(device)}/rpc/Shelly.GetDeviceInfo`])).status).toBe(200);
  });
});
