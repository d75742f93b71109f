import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { GroupId } from '../../../shared/domain/group';
import type { JobStep } from '../../../shared/domain/job';
import type { SelfCheck } from '../../../shared/domain/firmware';
import { DomainError } from '../errors';
import {
  device,
  firmware,
  image,
  only,
  reachable,
  rig,
  SHA_A,
  spec,
} from '../../../test-support/core/planner-rig';
import { formatWait } from './plan-warnings';

describe('resolving targets', () => {
  it('lists explicit devices first in the given order, then group members by name, each once', () => {
    const a = device('Relay 10');
    const b = device('Relay 2');
    const c = device('Attic');
    const d = device('Zone');
    const { planner } = rig([a, b, c, d], { staticGroups: { grp_00000001: [a.id, d.id, b.id, c.id] } });
    expect(
      planner.resolveTargets(
        spec({ deviceIds: [d.id, c.id, d.id], groupIds: ['grp_00000001'] as GroupId[] }),
      ),
    ).toEqual([d.id, c.id, b.id, a.id]);
  });

  it('takes a smart group as its filter matches now, merged with a static group', () => {
    const kitchen = device('Kitchen', { tags: ['floor-1'] });
    const hall = device('Hall', { tags: ['floor-1'] });
    const cellar = device('Cellar');
    const { planner } = rig([kitchen, hall, cellar], {
      staticGroups: { grp_00000001: [cellar.id] },
      smartGroups: { grp_00000002: (d) => d.tags.includes('floor-1') },
    });
    const targets = { groupIds: ['grp_00000002', 'grp_00000001'] as GroupId[] };
    expect(planner.resolveTargets(spec(targets))).toEqual([cellar.id, hall.id, kitchen.id]);
    kitchen.tags = [];
    expect(planner.resolveTargets(spec(targets))).toEqual([cellar.id, hall.id]);
  });

  it('refuses an unknown group with NOT_FOUND', () => {
    const { planner } = rig([device('A')]);
    expect(() => planner.resolveTargets(spec({ groupIds: ['grp_00000009'] as GroupId[] }))).toThrowError(
      expect.objectContaining({ code: 'NOT_FOUND', message: 'no group grp_00000009' }),
    );
  });
});

describe('the plan', () => {
  it('refuses the whole plan with NOT_FOUND listing every unknown device', async () => {
    const known = device('Known');
    const { planner } = rig([known]);
    const ghosts = ['mac:000000000001', 'mac:000000000002'] as DeviceId[];
    const refusal = planner.plan(spec(only([known.id, ...ghosts])));
    await expect(refusal).rejects.toBeInstanceOf(DomainError);
    await expect(refusal).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'not in the inventory: mac:000000000001, mac:000000000002',
      details: { deviceIds: ghosts },
    });
  });

  it('plans a runnable device with its versions, steps and wave', async () => {
    const d = device('Pump');
    const { planner } = rig([d], { images: [image(SHA_A)] });
    const plan = await planner.plan(spec(only([d.id]), [firmware(SHA_A), { action: 'reboot' }]));
    expect(plan.devices).toEqual([
      {
        deviceId: d.id,
        deviceName: 'Pump',
        family: 'shelly',
        model: 'SNSW-001P16EU',
        online: true,
        currentVersion: '1.4.2',
        targetVersion: '1.6.0',
        steps: ['firmware-update', 'reboot'],
        wave: 0,
        skip: null,
        deferred: false,
      },
    ]);
    expect(plan).toMatchObject({ runnable: 1, skipped: 0, waves: [{ index: 0, canary: false, size: 1 }] });
  });

  it('skips a never-touch device before any other rule', async () => {
    const d = device('Boiler', { neverTouch: true, online: false, capabilities: [] });
    const { planner } = rig([d]);
    const plan = await planner.plan(
      spec(only([d.id]), [{ action: 'reboot' }], { offline: { mode: 'skip' } }),
    );
    expect(plan.devices[0]).toMatchObject({
      skip: { reason: 'never-touch', message: 'marked "never touch"' },
      steps: [],
      wave: null,
      targetVersion: null,
    });
    expect(plan).toMatchObject({ runnable: 0, skipped: 1, waves: [] });
  });

  it('calls a step outside the driver capabilities incompatible, naming the action and family', async () => {
    const shelly = device('Plug');
    const esphome = device('Sensor', { family: 'esphome', capabilities: [] });
    const { planner } = rig([shelly, esphome]);
    const plan = await planner.plan(
      spec(only([shelly.id, esphome.id]), [
        { action: 'collect' },
        { action: 'raw-command', command: 'Status', value: '' },
      ]),
    );
    expect(plan.devices.map((d) => d.skip)).toEqual([
      { reason: 'incompatible', message: 'shelly devices cannot run "raw-command"' },
      { reason: 'incompatible', message: 'esphome devices cannot run "collect"' },
    ]);
  });

  it('calls a step without the parameters a family needs incompatible', async () => {
    const shelly = device('Plug');
    const tasmota = device('Sonoff', { family: 'tasmota', model: 'Sonoff Basic' });
    const { planner } = rig([shelly, tasmota]);
    const config: JobStep = { action: 'config-change', shelly: { sys: { device: { eco_mode: true } } } };
    const configPlan = await planner.plan(spec(only([shelly.id, tasmota.id]), [config]));
    expect(configPlan.devices.map((d) => d.skip?.message ?? null)).toEqual([
      null,
      'the config change has no Tasmota settings',
    ]);
    const resetPlan = await planner.plan(spec(only([shelly.id, tasmota.id]), [{ action: 'factory-reset' }]));
    expect(resetPlan.devices.map((d) => d.skip?.message ?? null)).toEqual([
      null,
      'a Tasmota factory reset needs its level (Reset 1..6) chosen',
    ]);
  });

  it('skips a Shelly that asks for a login when no credential set applies', async () => {
    const locked = device('Locked');
    const unlocked = device('Open');
    const known = device('Known');
    const { planner } = rig([locked, unlocked, known], {
      raw: {
        [locked.id]: { auth_en: true },
        [unlocked.id]: { auth_en: false },
        [known.id]: { auth_en: true },
      },
      withCredentials: [known.id],
    });
    const plan = await planner.plan(spec(only([locked.id, unlocked.id, known.id])));
    expect(plan.devices.map((d) => d.skip?.reason ?? null)).toEqual(['missing-credentials', null, null]);
    expect(plan.devices[0]!.skip!.message).toMatch(/asks for a login and no credential set applies/);
  });

  it('skips offline devices in "skip" mode and defers them, with a warning, in "defer" mode', async () => {
    const up = device('Up');
    const gone = [1, 2, 3].map((i) => device(`Down ${i}`, { online: false, offlineReason: 'expired' }));
    const { planner } = rig([up, ...gone]);
    const targets = only([up.id, ...gone.map((d) => d.id)]);
    const skipped = await planner.plan(spec(targets, [{ action: 'reboot' }], { offline: { mode: 'skip' } }));
    expect(skipped.devices[1]).toMatchObject({
      online: false,
      deferred: false,
      wave: null,
      skip: { reason: 'offline', message: 'offline (its mDNS record expired)' },
    });
    expect(skipped).toMatchObject({ runnable: 1, skipped: 3, warnings: [] });

    const deferred = await planner.plan(
      spec(targets, [{ action: 'reboot' }], { offline: { mode: 'defer' } }),
    );
    expect(deferred.devices.map((d) => [d.deferred, d.skip, d.wave])).toEqual([
      [false, null, 0],
      [true, null, 0],
      [true, null, 0],
      [true, null, 0],
    ]);
    expect(deferred.runnable).toBe(4);
    expect(deferred.warnings).toEqual([
      '3 devices are offline and will be waited for up to 60 min, then skipped as not reached.',
    ]);
  });

  it('splits the runnable devices into a canary by count and sized waves, leaving skipped ones out', async () => {
    const devices = Array.from({ length: 7 }, (_, i) => device(`D${i}`, { neverTouch: i === 1 }));
    const { planner } = rig(devices);
    const plan = await planner.plan(
      spec(only(devices.map((d) => d.id)), [{ action: 'reboot' }], {
        canary: { count: 1 },
        waves: { sizes: [2] },
      }),
    );
    expect(plan.waves).toEqual([
      { index: 0, canary: true, size: 1 },
      { index: 1, canary: false, size: 2 },
      { index: 2, canary: false, size: 3 },
    ]);
    expect(plan.devices.map((d) => d.wave)).toEqual([0, null, 1, 1, 2, 2, 2]);
  });

  it('sizes a canary and waves by percent', async () => {
    const devices = Array.from({ length: 21 }, (_, i) => device(`D${i}`));
    const { planner } = rig(devices);
    const plan = await planner.plan(
      spec(only(devices.map((d) => d.id)), [{ action: 'reboot' }], {
        canary: { percent: 5 },
        waves: { percents: [50] },
      }),
    );
    expect(plan.waves.map((w) => [w.canary, w.size])).toEqual([
      [true, 2],
      [false, 10],
      [false, 9],
    ]);
  });

  it('marks a plan with a factory reset destructive', async () => {
    const d = device('Plug');
    const { planner } = rig([d]);
    expect((await planner.plan(spec(only([d.id]), [{ action: 'collect' }]))).destructive).toBe(false);
    const reset = await planner.plan(
      spec(only([d.id]), [{ action: 'collect' }, { action: 'factory-reset' }]),
    );
    expect(reset.destructive).toBe(true);
  });

  it('checks the firmware server only when a step is a firmware update', async () => {
    const d = device('Plug');
    const { planner, calls } = rig([d], { images: [image(SHA_A)] });
    expect((await planner.plan(spec(only([d.id])))).firmwareServer).toBeNull();
    expect(calls.selfCheck).toBe(0);
    const plan = await planner.plan(spec(only([d.id]), [firmware(SHA_A)]));
    expect(calls.selfCheck).toBe(1);
    expect(plan.firmwareServer).toEqual({
      ok: true,
      url: 'http://192.0.2.5:8070',
      message: reachable.message,
    });
    expect(plan.warnings).toEqual([]);
  });

  it('warns when the firmware server is not reachable, naming the address that failed', async () => {
    const d = device('Plug');
    const timeout = 'No answer from http://192.0.2.6:8070 within 1.5 s; a firewall may block the port.';
    const selfCheck: SelfCheck = {
      ok: false,
      checks: [
        reachable.checks[0]!,
        { interface: 'wlan0', address: '192.0.2.6', port: 8070, outcome: 'timeout', message: timeout },
      ],
      message: timeout,
    };
    const { planner } = rig([d], { images: [image(SHA_A)], selfCheck });
    const plan = await planner.plan(spec(only([d.id]), [firmware(SHA_A)]));
    expect(plan.firmwareServer).toEqual({ ok: false, url: 'http://192.0.2.6:8070', message: timeout });
    expect(plan.warnings).toEqual([
      `The firmware server is not reachable at http://192.0.2.6:8070, so firmware steps would fail. ${timeout}`,
    ]);
  });

  it('reports a firmware server that is not listening without running the self-check', async () => {
    const d = device('Plug');
    const { planner, calls } = rig([d], { images: [image(SHA_A)], listening: false });
    const plan = await planner.plan(spec(only([d.id]), [firmware(SHA_A)]));
    expect(calls.selfCheck).toBe(0);
    expect(plan.firmwareServer).toEqual({
      ok: false,
      url: null,
      message: 'The firmware server is not listening: port 8070 is in use by another program.',
    });
    expect(plan.warnings).toEqual([
      'The firmware server is not reachable, so firmware steps would fail. ' +
        'The firmware server is not listening: port 8070 is in use by another program.',
    ]);
  });

  it('says so when every target is skipped', async () => {
    const d = device('Boiler', { neverTouch: true });
    const { planner } = rig([d]);
    expect((await planner.plan(spec(only([d.id])))).warnings).toEqual([
      'No device would get any step: every target is skipped.',
    ]);
  });
});

describe('formatWait', () => {
  it.each([
    [45_000, '45 s'],
    [3_600_000, '60 min'],
    [3 * 3_600_000, '3 h'],
    [3.5 * 3_600_000, '3.5 h'],
    [7 * 86_400_000, '7 days'],
  ])('says %i ms as %s', (ms, text) => {
    expect(formatWait(ms)).toBe(text);
  });
});
