import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet, type SimulatedShelly } from '../../../../simulator';
import { HttpClient } from '../../transport/http-client';
import { FakeStepServices } from '../../../../test-support/core/fake-step-services';
import type { DriverContext } from '../device-driver';
import { NO_CREDENTIALS_MESSAGE } from './shelly-digest-session';
import type { AuthForm } from './shelly-nonce-cache';
import { baseUrl } from './shelly-rpc-client';
import {
  endpointOf,
  failure,
  makeDriver,
  targetOf,
  type TestDriver,
} from '../../../../test-support/drivers/shelly/shelly-test-kit';

const CANARY = 'canary-auth-Zq81';
const credentials = { username: 'admin', password: CANARY };
const services = new FakeStepServices({ siteCredentials: credentials });
type Style = 'legacy' | 'fw2';

let fleet: ShellyFleet;
const drivers: TestDriver[] = [];
const taken = new Set<SimulatedShelly>();
const messages: string[] = [];

/** A device with auth style `style` that no other test has used (mixed: even index legacy, odd fw2). */
function fresh(style: Style): SimulatedShelly {
  const d = fleet.devices.find((x) => (x.index % 2 === 0) === (style === 'legacy') && !taken.has(x));
  if (!d) throw new Error(`no unused ${style} device left`);
  taken.add(d);
  return d;
}

function driver(authTransport: AuthForm = 'json'): TestDriver {
  const t = makeDriver({ authTransport });
  drivers.push(t);
  return t;
}

const ctx = (extra: Partial<DriverContext> = {}): DriverContext => ({
  signal: AbortSignal.timeout(10_000),
  services,
  ...extra,
});

beforeAll(async () => {
  fleet = await startShellyFleet({
    count: 24,
    seed: 41,
    bootTimeMs: 200,
    mdns: false,
    auth: { password: CANARY, style: 'mixed' },
    nonceRules: { slots: 4, throttleMs: 300 },
  });
});
afterAll(async () => {
  for (const t of drivers) t.http.close();
  await fleet?.stop();
  // Secrets never appear in what the driver says, whatever went wrong.
  for (const message of messages) expect(message).not.toContain(CANARY);
});

async function expectFailure(promise: Promise<unknown>) {
  const error = await failure(promise);
  messages.push(error.message);
  return error;
}

describe('Shelly digest auth against the simulator', () => {
  it.each([
    ['legacy', 'json'],
    ['legacy', 'header'],
    ['fw2', 'json'],
    ['fw2', 'header'],
  ] as const)(
    '%s nonces, %s form: one challenge, then the nonce is reused with one request per call',
    async (style, form) => {
      const d = fresh(style);
      const t = driver(form);
      const requests = d.counters.rpcRequests;
      const state = await t.driver.readState(targetOf(d), ctx());
      expect(state).toMatchObject({ firmware: d.ver, uptimeSeconds: expect.any(Number) });
      expect(d.counters.rpcRequests - requests).toBe(2); // 401, then the answer
      for (let i = 0; i < 3; i++) await t.driver.readState(targetOf(d), ctx());
      expect(d.counters.rpcRequests - requests).toBe(5);
      expect(t.authEvents.map((e) => e.kind)).toEqual(['challenged', 'reused', 'reused', 'reused']);
    },
  );

  // Over HTTP the challenge is the WWW-Authenticate header alone, with an empty body (mongoose-os-libs/rpc-common
  // mg_rpc_channel_http.c, mg_rpc_channel_http_send_not_authorized; PROTOCOLS.md §1.6 corrected 2026-12-07).
  it.each(['legacy', 'fw2'] as const)(
    'logs in from a header-only 401 with an empty body (%s), even when preferring the JSON form',
    async (style) => {
      const d = fresh(style);
      const raw = new HttpClient({ timeoutMs: 1_000, maxBodyBytes: 64 * 1024 });
      try {
        const reply = await raw.request({
          method: 'POST',
          url: `${baseUrl(endpointOf(d))}/rpc`,
          body: { id: 1, src: 'probe', method: 'Sys.GetStatus' },
        });
        expect([reply.status, reply.text]).toEqual([401, '']);
        expect(reply.headers['www-authenticate']).toMatch(/^Digest qop="auth", realm="[^"]+", nonce=/);
      } finally {
        raw.close();
      }
      const t = driver('json');
      expect((await t.driver.readState(targetOf(d), ctx())).firmware).toBe(d.ver);
      expect(t.authEvents.map((e) => e.kind)).toEqual(['challenged']);
    },
  );

  it('takes a fresh nonce silently when the device says stale=true (firmware 2.0 forgets nonces on reboot)', async () => {
    const d = fresh('fw2');
    const t = driver();
    await t.driver.readState(targetOf(d), ctx());
    await t.driver.runStep({ action: 'reboot' }, targetOf(d), ctx());
    expect(d.counters.reboots).toBe(1);
    const kinds = t.authEvents.map((e) => e.kind);
    // One login before the reboot, one silent re-challenge after it; never a wrong-password judgement.
    expect(kinds.filter((k) => k === 'challenged')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'stale')).toHaveLength(1);
    expect(kinds).not.toContain('renewed');
    expect(kinds.indexOf('stale')).toBeGreaterThan(kinds.indexOf('challenged'));
  });

  it('backs off while the device answers 429 (all nonce slots live), then logs in', async () => {
    const d = fresh('fw2');
    const filler = new HttpClient({ timeoutMs: 1_000, maxBodyBytes: 64 * 1024 });
    try {
      for (let id = 1; id <= 4; id++) {
        const reply = await filler.request({
          method: 'POST',
          url: `${baseUrl(endpointOf(d))}/rpc`,
          body: { id, src: 'filler', method: 'Sys.GetStatus' },
        });
        expect(reply.status).toBe(401);
      }
    } finally {
      filler.close();
    }
    const t = driver();
    const state = await t.driver.readState(targetOf(d), ctx());
    expect(state.firmware).toBe(d.ver);
    const kinds = t.authEvents.map((e) => e.kind);
    expect(kinds[0]).toBe('throttled');
    expect(kinds.at(-1)).toBe('challenged');
  });

  it.each(['legacy', 'fw2'] as const)(
    'fails a wrong password (%s) at once: two requests, no loop',
    async (style) => {
      const d = fresh(style);
      const t = driver();
      const requests = d.counters.rpcRequests;
      const wrong = { username: 'admin', password: `${CANARY}-old` };
      const error = await expectFailure(t.driver.readState(targetOf(d), ctx({ credentials: wrong })));
      expect(error).toMatchObject({ reason: 'device-error', message: `wrong password for ${d.id}` });
      expect(d.counters.rpcRequests - requests).toBe(2);
    },
  );

  it('asks for a credential set when the device needs a password and none is configured', async () => {
    const d = fresh('legacy');
    const t = driver();
    const none = new FakeStepServices();
    const error = await expectFailure(
      t.driver.runStep({ action: 'collect' }, targetOf(d), ctx({ services: none })),
    );
    expect(error).toMatchObject({ reason: 'device-error', message: NO_CREDENTIALS_MESSAGE });
    expect(none.artifacts).toEqual([]);
  });

  it('prefers the credentials in the context over the credential set lookup', async () => {
    const d = fresh('fw2');
    const t = driver();
    const wrongSet = new FakeStepServices({ siteCredentials: { username: 'admin', password: 'not-it' } });
    const state = await t.driver.readState(targetOf(d), ctx({ services: wrongSet, credentials }));
    expect(state.firmware).toBe(d.ver);
  });

  it.each(['legacy', 'fw2'] as const)('authenticates the WebSocket the same way (%s)', async (style) => {
    const d = fresh(style);
    const t = driver();
    const options = { signal: AbortSignal.timeout(5_000), credentials: async () => credentials };
    const ws = await t.rpc.openWebSocket(endpointOf(d), options);
    try {
      const status = (await ws.call('Shelly.GetStatus', undefined, options)) as Record<string, unknown>;
      expect(status).toHaveProperty('sys');
      expect(t.authEvents.map((e) => [e.kind, e.key.endsWith('|ws')])).toEqual([
        ['challenged', true],
        ['reused', true],
      ]);
    } finally {
      ws.close();
    }
    const wrong = { ...options, credentials: async () => ({ username: 'admin', password: 'nope' }) };
    const error = await expectFailure(driver().rpc.openWebSocket(endpointOf(d), wrong));
    expect(error.message).toBe(`wrong password for ${d.id}`);
  });
});
