import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../index';
import {
  authorizationHeader,
  challengeFromHeader,
  ha1,
  jsonAuth,
  parseChallengeHeader,
} from '../test-support/digest-client';
import { getJson, httpRequest, type HttpReply, waitUntil } from '../test-support/http-client';
import { WsRpcClient } from '../test-support/ws-rpc-client';

const PASSWORD = 'sim-secret';
const CHALLENGE_HEADER =
  /^Digest qop="auth", realm="[^"]+", nonce="[^"]+", algorithm=SHA-256(, stale=true)?$/;

let fleet: ShellyFleet;
beforeAll(async () => {
  fleet = await startShellyFleet({
    count: 4,
    seed: 41,
    bootTimeMs: 100,
    mdns: false,
    auth: { password: PASSWORD },
    authStyles: { 0: 'legacy', 1: 'fw2', 2: 'fw2', 3: 'fw2' },
    nonceRules: { lifetimeMs: 400, slots: 4, throttleMs: 300 },
  });
});
afterAll(async () => {
  await fleet?.stop();
});

const post = (
  port: number,
  frame: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<HttpReply> =>
  httpRequest(port, { method: 'POST', path: '/rpc', body: JSON.stringify(frame), headers });
const frameOf = (reply: HttpReply): Record<string, unknown> =>
  JSON.parse(reply.text) as Record<string, unknown>;
const challengeOf = (reply: HttpReply): string =>
  challengeFromHeader(reply.headers['www-authenticate'] as string);

describe('digest auth over HTTP', () => {
  it('leaves /shelly and Shelly.GetDeviceInfo open and reports auth_en and the realm', async () => {
    const device = fleet.devices[0];
    const { status, json } = await getJson(device.port, '/shelly');
    expect(status).toBe(200);
    expect(json).toMatchObject({ auth_en: true, auth_domain: device.id });
    const info = frameOf(await post(device.port, { id: 1, src: 't', method: 'Shelly.GetDeviceInfo' }));
    expect(info.result).toMatchObject({ auth_en: true });
  });

  // mongoose-os-libs/rpc-common mg_rpc_channel_http.c, mg_rpc_channel_http_send_not_authorized: over HTTP the
  // challenge is the header alone; the JSON error frame with code 401 is for WebSocket (§1.6, corrected 2026-12-07).
  it('answers an unauthenticated POST /rpc and GET /rpc/<Method> with 401, WWW-Authenticate and an empty body', async () => {
    for (const device of fleet.devices.slice(0, 2)) {
      const replies = [
        await post(device.port, { id: 5, src: 'batch', method: 'Sys.GetStatus' }),
        await httpRequest(device.port, { path: '/rpc/Sys.GetStatus' }),
      ];
      for (const reply of replies) {
        expect(reply.status).toBe(401);
        expect(reply.headers['www-authenticate']).toMatch(CHALLENGE_HEADER);
        expect(parseChallengeHeader(reply.headers['www-authenticate'] as string).realm).toBe(device.id);
        expect(reply.text).toBe('');
        expect(reply.headers['content-length']).toBe('0');
        expect(reply.headers.connection).toBe('close');
      }
    }
    // Legacy firmware: the header nonce is the unix time in hex (`%lx`).
    const legacy = await post(fleet.devices[0].port, { id: 6, src: 't', method: 'Sys.GetStatus' });
    const nonce = parseChallengeHeader(legacy.headers['www-authenticate'] as string).nonce;
    expect(Math.abs(Number.parseInt(nonce, 16) - Date.now() / 1000)).toBeLessThan(60);
  });

  it('accepts the JSON auth object built from the challenge (legacy numeric nonce)', async () => {
    const device = fleet.devices[0];
    const challenge = challengeOf(await post(device.port, { id: 1, src: 't', method: 'Sys.GetStatus' }));
    const ok = await post(device.port, {
      id: 2,
      src: 't',
      method: 'Sys.GetStatus',
      auth: jsonAuth(challenge, PASSWORD),
    });
    expect(ok.status).toBe(200);
    expect(frameOf(ok).result).toMatchObject({ mac: device.mac });
    const wrong = await post(device.port, {
      id: 3,
      src: 't',
      method: 'Sys.GetStatus',
      auth: jsonAuth(challenge, 'nope'),
    });
    expect(wrong.status).toBe(401);
  });

  it('answers a malformed auth object with 400 bad request', async () => {
    const reply = await post(fleet.devices[0].port, {
      id: 4,
      src: 't',
      method: 'Sys.GetStatus',
      auth: { nonce: 1 },
    });
    expect(frameOf(reply).error).toEqual({ code: 400, message: 'bad request' });
  });

  it('accepts Authorization: Digest on POST /rpc and on the REST form', async () => {
    const device = fleet.devices[1];
    const first = await httpRequest(device.port, { path: '/rpc/Sys.GetStatus' });
    expect(first.status).toBe(401);
    expect(first.text).toBe('');
    const header = first.headers['www-authenticate'] as string;
    const rest = await httpRequest(device.port, {
      path: '/rpc/Sys.GetStatus',
      headers: {
        Authorization: authorizationHeader(header, {
          password: PASSWORD,
          method: 'GET',
          uri: '/rpc/Sys.GetStatus',
        }),
      },
    });
    expect(rest.status).toBe(200);
    expect(JSON.parse(rest.text)).toMatchObject({ mac: device.mac });
    const frame = await post(
      device.port,
      { id: 9, src: 't', method: 'Shelly.GetStatus' },
      {
        Authorization: authorizationHeader(header, {
          password: PASSWORD,
          method: 'POST',
          uri: '/rpc',
          nc: 2,
        }),
      },
    );
    expect(frame.status).toBe(200);
  });
});

describe('firmware 2.0 nonce rules', () => {
  it('issues opaque base64 nonces and tracks nc per nonce, strictly increasing from 1', async () => {
    const device = fleet.devices[2];
    const challenge = challengeOf(await post(device.port, { id: 1, src: 't', method: 'Sys.GetConfig' }));
    const { nonce } = JSON.parse(challenge) as { nonce: unknown };
    expect(nonce).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const call = (nc: number): Promise<HttpReply> =>
      post(device.port, {
        id: nc,
        src: 't',
        method: 'Sys.GetConfig',
        auth: jsonAuth(challenge, PASSWORD, nc),
      });
    expect((await call(1)).status).toBe(200);
    const replayed = await call(1);
    expect(replayed.status).toBe(401);
    expect(replayed.headers['www-authenticate']).not.toContain('stale=true');
    expect((await call(2)).status).toBe(200);
    expect((await call(5)).status).toBe(200);
  });

  it('answers an expired nonce with stale=true', async () => {
    const device = fleet.devices[2];
    const challenge = challengeOf(await post(device.port, { id: 1, src: 't', method: 'Sys.GetConfig' }));
    // Past the configured 400 ms lifetime the nonce is certainly expired.
    await sleep(500);
    const reply = await post(device.port, {
      id: 2,
      src: 't',
      method: 'Sys.GetConfig',
      auth: jsonAuth(challenge, PASSWORD),
    });
    expect(reply.status).toBe(401);
    expect(parseChallengeHeader(reply.headers['www-authenticate'] as string).stale).toBe('true');
    expect(JSON.parse(challengeOf(reply))).toMatchObject({ stale: true });
  });

  it('answers 429 while every nonce slot is taken, then challenges again after the throttle', async () => {
    const device = fleet.devices[3];
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await post(device.port, { id: i, src: 't', method: 'Sys.GetStatus' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    await waitUntil(
      async () => (await post(device.port, { id: 9, src: 't', method: 'Sys.GetStatus' })).status === 401,
      {
        timeoutMs: 3000,
        intervalMs: 50,
        what: 'end of throttle',
      },
    );
  });
});

describe('digest auth over WebSocket and Shelly.SetAuth', () => {
  it('sends the challenge with nc in an error frame and accepts the auth object', async () => {
    const device = fleet.devices[0];
    const ws = await WsRpcClient.connect(device.port);
    try {
      const refused = await ws.request({ src: 'ws-1', method: 'Sys.GetStatus' });
      const { message } = refused.error as { code: number; message: string };
      expect(refused.error).toMatchObject({ code: 401 });
      expect(JSON.parse(message)).toMatchObject({ auth_type: 'digest', nc: 1, realm: device.id });
      const ok = await ws.request({
        src: 'ws-1',
        method: 'Sys.GetStatus',
        auth: jsonAuth(message, PASSWORD),
      });
      expect(ok.result).toMatchObject({ mac: device.mac });
    } finally {
      await ws.close();
    }
  });

  it('turns auth off with ha1 null and on again with a new ha1', async () => {
    const device = fleet.devices[0];
    const challenge = challengeOf(await post(device.port, { id: 1, src: 't', method: 'Shelly.SetAuth' }));
    const params = { user: 'admin', realm: device.id, ha1: null };
    const off = await post(device.port, {
      id: 2,
      src: 't',
      method: 'Shelly.SetAuth',
      params,
      auth: jsonAuth(challenge, PASSWORD),
    });
    expect(frameOf(off)).toMatchObject({ result: null });
    expect((await getJson(device.port, '/rpc/Sys.GetStatus')).status).toBe(200);
    const badRealm = frameOf(
      await post(device.port, {
        id: 3,
        src: 't',
        method: 'Shelly.SetAuth',
        params: { ...params, realm: 'x' },
      }),
    );
    expect(badRealm.error).toMatchObject({ code: -103 });
    const on = { user: 'admin', realm: device.id, ha1: ha1(device.id, 'new-pass') };
    expect(
      frameOf(await post(device.port, { id: 4, src: 't', method: 'Shelly.SetAuth', params: on })).result,
    ).toBeNull();
    const again = challengeOf(await post(device.port, { id: 5, src: 't', method: 'Sys.GetStatus' }));
    const ok = await post(device.port, {
      id: 6,
      src: 't',
      method: 'Sys.GetStatus',
      auth: jsonAuth(again, 'new-pass'),
    });
    expect(ok.status).toBe(200);
    expect(device.snapshot().config).toMatchObject({ auth_en: true });
  });
});
