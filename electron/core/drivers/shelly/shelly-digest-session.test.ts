import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../device-error';
import type { AuthReply } from './shelly-auth-reply';
import {
  DigestSession,
  NO_CREDENTIALS_MESSAGE,
  type AuthEvent,
  type AuthPayload,
  type DigestCall,
} from './shelly-digest-session';

const REALM = 'shellypro4pm-f008d1000001';
const CANARY = 'canary-Pw-7f3a1c';
const ok: AuthReply = { kind: 'answer' };
const throttled: AuthReply = { kind: 'throttled' };
const challenge = (nonce: string | number, stale = false): AuthReply => ({
  kind: 'challenge',
  json: { realm: REALM, nonce, stale },
  header: { realm: REALM, nonce: String(nonce), stale },
});

/** A scripted device: answers each attempt with the next reply and records what was sent. */
function scripted(replies: AuthReply[]) {
  const sent: (AuthPayload | null)[] = [];
  return {
    sent,
    send: async (auth: AuthPayload | null) => {
      sent.push(auth);
      const auth_ = replies.shift();
      if (!auth_) throw new Error('the script ran out');
      return { reply: sent.length, auth: auth_ };
    },
  };
}

function harness(options: { sleeps?: number[]; events?: AuthEvent[] } = {}) {
  let lookups = 0;
  const session = new DigestSession({
    cnonce: () => 'c0ffee',
    sleep: async (ms, signal) => {
      signal.throwIfAborted();
      options.sleeps?.push(ms);
    },
    onEvent: (event) => options.events?.push(event),
  });
  const credentials = async () => {
    lookups += 1;
    return { username: 'admin', password: CANARY };
  };
  const call = (
    device: ReturnType<typeof scripted>,
    extra: Partial<DigestCall<number>> = {},
  ): Promise<number> =>
    session.run({
      key: 'dev|http',
      forms: ['json', 'header'],
      credentials,
      signal: new AbortController().signal,
      ...device,
      ...extra,
    });
  return { session, call, lookups: () => lookups };
}

const ncOf = (payload: AuthPayload | null) => (payload?.form === 'json' ? payload.auth.nc : null);
const nonceOf = (payload: AuthPayload | null) => (payload?.form === 'json' ? payload.auth.nonce : null);

async function failure(promise: Promise<unknown>): Promise<DeviceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeviceError);
  return error as DeviceError;
}

describe('DigestSession', () => {
  it('answers the first challenge with nc=1, then reuses the nonce with increasing nc and no round trip', async () => {
    const events: AuthEvent[] = [];
    const { call, lookups } = harness({ events });
    const first = scripted([challenge(1725185413), ok]);
    await call(first);
    expect(first.sent.map(ncOf)).toEqual([null, 1]);
    expect(nonceOf(first.sent[1]!)).toBe(1725185413);
    const second = scripted([ok]);
    const third = scripted([ok]);
    await call(second);
    await call(third);
    expect([...second.sent, ...third.sent].map(ncOf)).toEqual([2, 3]);
    expect(events.map((e) => e.kind)).toEqual(['challenged', 'reused', 'reused']);
    expect(lookups()).toBe(3); // once per call; a step memoises its lookup (ShellySession)
  });

  it('never looks credentials up when the device does not challenge', async () => {
    const { call, lookups } = harness();
    const device = scripted([ok]);
    expect(await call(device)).toBe(1);
    expect(device.sent).toEqual([null]);
    expect(lookups()).toBe(0);
  });

  it('takes a stale=true re-challenge silently and restarts nc at 1', async () => {
    const events: AuthEvent[] = [];
    const { call } = harness({ events });
    await call(scripted([challenge('AAAA=='), ok]));
    const device = scripted([challenge('BBBB==', true), ok]);
    await call(device);
    expect(device.sent.map((p) => [nonceOf(p), ncOf(p)])).toEqual([
      ['AAAA==', 2],
      ['BBBB==', 1],
    ]);
    expect(events.map((e) => e.kind)).toEqual(['challenged', 'reused', 'stale']);
  });

  it('renews a cached nonce refused without stale (overtaken by another call) before judging the password', async () => {
    const { call } = harness();
    await call(scripted([challenge('AAAA=='), ok]));
    const device = scripted([challenge('CCCC=='), ok]);
    await call(device);
    expect(device.sent.map(nonceOf)).toEqual(['AAAA==', 'CCCC==']);
  });

  it('fails a wrong password at once, naming the device and not the password', async () => {
    const { call } = harness();
    const device = scripted([challenge(1), challenge(2)]);
    const error = await failure(call(device));
    expect(error.reason).toBe('device-error');
    expect(error.message).toBe(`wrong password for ${REALM}`);
    expect(device.sent).toHaveLength(2);
    expect(JSON.stringify(device.sent)).not.toContain(CANARY);
  });

  it('asks for a credential set when none is configured', async () => {
    const { call } = harness();
    const error = await failure(call(scripted([challenge(1)]), { credentials: async () => null }));
    expect(error).toMatchObject({ reason: 'device-error', message: NO_CREDENTIALS_MESSAGE });
    const without = await failure(call(scripted([challenge(1)]), { credentials: undefined }));
    expect(without.message).toBe(NO_CREDENTIALS_MESSAGE);
  });

  it('backs off on 429 with growing pauses, then logs in', async () => {
    const sleeps: number[] = [];
    const events: AuthEvent[] = [];
    const { call } = harness({ sleeps, events });
    const device = scripted([throttled, throttled, challenge('DDDD=='), ok]);
    await call(device);
    expect(sleeps).toEqual([250, 500]);
    expect(device.sent.map(ncOf)).toEqual([null, null, null, 1]);
    expect(events.map((e) => e.kind)).toEqual(['throttled', 'throttled', 'challenged']);
  });

  it('gives up after the bounded number of 429s', async () => {
    const sleeps: number[] = [];
    const { call } = harness({ sleeps });
    const error = await failure(call(scripted(Array.from({ length: 7 }, () => throttled))));
    expect(error.reason).toBe('device-error');
    expect(error.message).toMatch(/429 Too Many Requests/);
    expect(sleeps).toEqual([250, 500, 1000, 2000, 2000, 2000]);
  });

  it('stops backing off when the signal aborts, with its reason', async () => {
    const { session } = harness();
    const controller = new AbortController();
    const reason = new Error('canceled');
    const device = scripted([throttled, throttled]);
    const pending = session.run({
      key: 'k',
      forms: ['json'],
      signal: controller.signal,
      send: async (auth) => {
        const reply = await device.send(auth);
        controller.abort(reason);
        return reply;
      },
    });
    await expect(pending).rejects.toBe(reason);
    expect(device.sent).toHaveLength(1);
  });

  it('answers in the header form when preferred, and falls back to JSON when only that challenge came', async () => {
    const { call } = harness();
    const header = scripted([challenge('EEEE=='), ok]);
    await call(header, { key: 'a', forms: ['header', 'json'] });
    const sent = header.sent[1]!;
    expect(sent.form).toBe('header');
    expect(sent.form === 'header' && sent.authorization).toMatch(/nonce="EEEE==".*nc=00000001/);
    const jsonOnly = scripted([
      { kind: 'challenge', json: { realm: REALM, nonce: 7, stale: false }, header: null },
      ok,
    ]);
    await call(jsonOnly, { key: 'b', forms: ['header', 'json'] });
    expect(jsonOnly.sent[1]!.form).toBe('json');
  });

  it('refuses a 401 that carries no usable challenge', async () => {
    const { call } = harness();
    const error = await failure(call(scripted([{ kind: 'challenge', json: null, header: null }])));
    expect(error.message).toMatch(/without a challenge/);
  });

  it('gives up when the device keeps re-challenging with stale nonces', async () => {
    const { call } = harness();
    const device = scripted([challenge(1), ...Array.from({ length: 5 }, (_, i) => challenge(i + 2, true))]);
    const error = await failure(call(device));
    expect(error.message).toMatch(/kept challenging/);
    expect(device.sent).toHaveLength(5);
  });
});
