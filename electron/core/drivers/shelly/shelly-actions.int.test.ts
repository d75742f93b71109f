import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet, type SimulatedShelly } from '../../../../simulator';
import { FakeStepServices } from '../../../../test-support/core/fake-step-services';
import type { DriverContext } from '../device-driver';
import { ShellyRpcError } from './shelly-protocol';
import {
  deadline,
  endpointOf,
  failure,
  makeDriver,
  progressLog,
  targetOf,
  type TestDriver,
} from '../../../../test-support/drivers/shelly/shelly-test-kit';

const CANARY = 'canary-act-Hk42';
const NEW_PASSWORD = 'canary-new-Vb90';
const services = new FakeStepServices({
  siteCredentials: { username: 'admin', password: CANARY },
  credentialSets: { cred_newpassword1: { username: 'admin', password: NEW_PASSWORD } },
});

let fleet: ShellyFleet;
let t: TestDriver;
const taken = new Set<SimulatedShelly>();
const messages: string[] = [];

/** A device of generation `gen` (any when omitted) that no other test has touched. */
function fresh(gen?: number): SimulatedShelly {
  const d = fleet.devices.find((x) => (gen === undefined || x.gen === gen) && !taken.has(x));
  if (!d) throw new Error(`no unused Gen${gen ?? ''} device left`);
  taken.add(d);
  return d;
}

const ctx = (extra: Partial<DriverContext> = {}): DriverContext => ({
  signal: deadline(15_000),
  services,
  ...extra,
});

async function expectFailure(promise: Promise<unknown>) {
  const error = await failure(promise);
  messages.push(error.message);
  return error;
}

/** An authenticated call to the simulated device, as a read-back independent of the step. */
const read = (d: SimulatedShelly, method: string, params?: Record<string, unknown>) =>
  t.rpc.call(endpointOf(d), method, params, {
    signal: AbortSignal.timeout(5_000),
    credentials: async () => ({ username: 'admin', password: CANARY }),
  }) as Promise<Record<string, unknown>>;

beforeAll(async () => {
  fleet = await startShellyFleet({
    count: 36,
    seed: 11,
    bootTimeMs: 250,
    mdns: false,
    auth: { password: CANARY, style: 'mixed' },
  });
  t = makeDriver({ authTransport: 'header' });
});
afterAll(async () => {
  t?.http.close();
  await fleet?.stop();
  for (const message of messages) expect(message).not.toMatch(/canary-/);
});

describe.each([2, 3, 4])('Shelly Gen%i actions against the simulator', (gen) => {
  it('reads its state and reboots once, verified by the uptime', async () => {
    const d = fresh(gen);
    expect(await t.driver.readState(targetOf(d), ctx())).toMatchObject({ firmware: d.ver });
    const result = await t.driver.runStep({ action: 'reboot' }, targetOf(d), ctx());
    expect(result.summary).toMatch(/^rebooted: uptime \d+ s \(was \d+ s\)$/);
    expect(d.counters).toMatchObject({ reboots: 1, configWrites: 0, flashes: 0, resets: 0 });
  });

  it('changes config without a restart: written, read back, no reboot', async () => {
    const d = fresh(gen);
    const step = {
      action: 'config-change' as const,
      shelly: {
        sys: { device: { name: `Hall-${gen}` }, location: { tz: 'Europe/Berlin', lat: 52.52, lon: 13.405 } },
        switches: [{ id: 0, name: 'Pump', auto_off: true, auto_off_delay: 30 }],
      },
    };
    const result = await t.driver.runStep(step, targetOf(d), ctx());
    expect(result.summary).toBe('applied sys, switch:0; read back 7 setting(s)');
    expect(d.counters).toMatchObject({ configWrites: 2, reboots: 0 });
    expect(await read(d, 'Sys.GetConfig')).toMatchObject({
      device: { name: `Hall-${gen}` },
      location: { tz: 'Europe/Berlin' },
    });
    expect(await read(d, 'Switch.GetConfig', { id: 0 })).toMatchObject({ name: 'Pump', auto_off_delay: 30 });
  });

  it('reboots when a change needs it and reads everything back after the restart', async () => {
    const d = fresh(gen);
    const step = {
      action: 'config-change' as const,
      shelly: {
        sys: { sntp: { server: 'ntp.site.lan' } },
        mqtt: { enable: true, server: 'broker.site.lan:1883', topic_prefix: `site/${gen}` },
      },
    };
    const { log, onProgress } = progressLog();
    const result = await t.driver.runStep(step, targetOf(d), ctx({ onProgress }));
    expect(result.summary).toMatch(
      /^applied sys, mqtt; device restarted because Mqtt\.SetConfig required it \(uptime \d+ s\); read back 4 setting\(s\) before and after the restart$/,
    );
    expect(d.counters).toMatchObject({ configWrites: 2, reboots: 1 });
    expect(log.map((p) => p.message)).toContain('rebooting');
    expect(await read(d, 'Mqtt.GetConfig')).toMatchObject({ enable: true, server: 'broker.site.lan:1883' });
    expect(await read(d, 'Sys.GetStatus')).toMatchObject({ restart_required: false });
  });

  it('collects a snapshot artifact without credentials in it', async () => {
    const d = fresh(gen);
    const result = await t.driver.runStep({ action: 'collect' }, targetOf(d), ctx());
    const artifact = services.artifacts.find((a) => a.id === result.artifactId)!;
    expect(artifact).toMatchObject({ deviceId: targetOf(d).id, kind: 'shelly-snapshot' });
    const content = artifact.content as Record<string, Record<string, unknown>>;
    expect(Object.keys(content).sort()).toEqual(
      ['collectedAt', 'config', 'deviceInfo', 'methods', 'status', 'sysStatus'].sort(),
    );
    expect(content.deviceInfo).toMatchObject({ id: d.id, ver: d.ver, auth_en: true });
    expect(content.config).toHaveProperty('sys');
    expect(content.methods!.methods).toContain('Shelly.Update');
    expect(JSON.stringify(content)).not.toContain(CANARY);
    expect(d.counters).toMatchObject({ reboots: 0, configWrites: 0 });
  });

  it('factory-resets: back after the restart with no name and auth off', async () => {
    const d = fresh(gen);
    await t.driver.runStep(
      { action: 'config-change', shelly: { sys: { device: { name: 'to-be-wiped' } } } },
      targetOf(d),
      ctx(),
    );
    const result = await t.driver.runStep({ action: 'factory-reset' }, targetOf(d), ctx());
    expect(result.summary).toMatch(/^factory reset: uptime \d+ s, name cleared, authentication off$/);
    expect(d.counters).toMatchObject({ resets: 1, reboots: 1 });
    expect(d.snapshot().config).toMatchObject({ name: null });
    const info = await t.rpc.describe(endpointOf(d), { signal: AbortSignal.timeout(2_000) });
    expect(info).toMatchObject({ name: null, auth_en: false });
  });

  it('sets a new password from a credential set, then turns auth off', async () => {
    const d = fresh(gen);
    const set = await t.driver.runStep(
      { action: 'set-password', credentialSetId: 'cred_newpassword1' },
      targetOf(d),
      ctx(),
    );
    expect(set.summary).toBe(
      'password set from credential set cred_newpassword1; authentication on, a call with the new password succeeded',
    );
    // The old password no longer works; the app remembered the new set for this device, so later steps log in.
    const old = await expectFailure(
      t.driver.readState(targetOf(d), ctx({ credentials: { username: 'admin', password: CANARY } })),
    );
    expect(old.message).toBe(`wrong password for ${d.id}`);
    expect((await t.driver.readState(targetOf(d), ctx())).firmware).toBe(d.ver);
    const off = await t.driver.runStep({ action: 'set-password', credentialSetId: null }, targetOf(d), ctx());
    expect(off.summary).toBe('authentication off; an unauthenticated call succeeded');
    const open = await t.driver.readState(targetOf(d), { signal: AbortSignal.timeout(5_000) });
    expect(open.firmware).toBe(d.ver);
  });
});

describe('Shelly refusals and device errors', () => {
  it('refuses raw commands and config changes without Shelly settings, touching nothing', async () => {
    const d = fresh(2);
    const requests = d.counters.rpcRequests;
    const raw = await expectFailure(
      t.driver.runStep({ action: 'raw-command', command: 'Status', value: '0' }, targetOf(d), ctx()),
    );
    const tasmotaOnly = await expectFailure(
      t.driver.runStep(
        { action: 'config-change', tasmota: { commands: [{ command: 'DeviceName', value: 'x' }] } },
        targetOf(d),
        ctx(),
      ),
    );
    expect([raw.reason, tasmotaOnly.reason]).toEqual(['unsupported', 'unsupported']);
    expect(tasmotaOnly.message).toBe('no Shelly settings in this step');
    expect(d.counters.rpcRequests).toBe(requests);
  });

  it('refuses an unknown credential set before touching the device', async () => {
    const d = fresh();
    const requests = d.counters.rpcRequests;
    const error = await expectFailure(
      t.driver.runStep({ action: 'set-password', credentialSetId: 'cred_doesnotexist' }, targetOf(d), ctx()),
    );
    expect(error.reason).toBe('internal');
    expect(d.counters.rpcRequests).toBe(requests);
  });

  it('reports -105 from a bad switch id with what was already applied', async () => {
    const d = fresh(2);
    const error = await expectFailure(
      t.driver.runStep(
        {
          action: 'config-change',
          shelly: { sys: { device: { name: 'x' } }, switches: [{ id: 7, name: 'y' }] },
        },
        targetOf(d),
        ctx(),
      ),
    );
    expect(error.reason).toBe('device-error');
    expect(error.message).toBe('Switch.SetConfig failed: -105 Bad id=7 (already applied: sys)');
  });

  it.each([
    ['Switch.GetConfig', {}, -103, "Missing required 'id'"],
    ['Nope.Method', undefined, 404, 'No handler for Nope.Method'],
  ] as const)(
    'maps %s errors to a typed error with the device message',
    async (method, params, code, text) => {
      const d = fresh();
      const error = await expectFailure(read(d, method, params));
      expect(error).toBeInstanceOf(ShellyRpcError);
      expect(error).toMatchObject({ reason: 'device-error', code });
      expect(error.message).toContain(text);
    },
  );

  it.each([
    ['garbage', 'bad-reply'],
    ['http-500', 'device-error'],
    ['hang', 'timeout'],
    ['refuse', 'unreachable'],
  ] as const)('fails collect on a device with fault %s as %s, saving nothing', async (fault, reason) => {
    const d = fresh();
    const artifacts = services.artifacts.length;
    d.setFault(fault);
    try {
      const error = await expectFailure(t.driver.runStep({ action: 'collect' }, targetOf(d), ctx()));
      expect(error.reason).toBe(reason);
    } finally {
      d.setFault(null);
    }
    expect(services.artifacts).toHaveLength(artifacts);
  });
});
