import { describe, expect, it } from 'vitest';
import { configMismatches, needsRestart, planConfigWrites, settingCount } from './shelly-config-plan';

describe('planConfigWrites', () => {
  it('writes sys, wifi, mqtt, then switches by id, each with its read-back', () => {
    const writes = planConfigWrites({
      switches: [
        { id: 1, name: 'Pump' },
        { id: 0, auto_off: true, auto_off_delay: 30 },
      ],
      mqtt: { enable: true, server: 'broker.lan:1883' },
      sys: { device: { name: 'Hall-1' }, location: { tz: 'Europe/Berlin' } },
    });
    expect(writes.map((w) => [w.component, w.setMethod, w.getMethod])).toEqual([
      ['sys', 'Sys.SetConfig', 'Sys.GetConfig'],
      ['mqtt', 'Mqtt.SetConfig', 'Mqtt.GetConfig'],
      ['switch:0', 'Switch.SetConfig', 'Switch.GetConfig'],
      ['switch:1', 'Switch.SetConfig', 'Switch.GetConfig'],
    ]);
    expect(writes[0]!.setParams).toEqual({
      config: { device: { name: 'Hall-1' }, location: { tz: 'Europe/Berlin' } },
    });
    expect(writes[2]).toMatchObject({
      setParams: { id: 0, config: { auto_off: true, auto_off_delay: 30 } },
      getParams: { id: 0 },
      expected: { auto_off: true, auto_off_delay: 30 },
    });
  });

  it('skips parts that set nothing and keeps explicit nulls', () => {
    const writes = planConfigWrites({ sys: { device: {} }, switches: [{ id: 0 }], mqtt: { server: null } });
    expect(writes).toHaveLength(1);
    expect(writes[0]!.expected).toEqual({ server: null });
  });
});

describe('configMismatches', () => {
  const expected = { device: { name: 'Hall-1' }, location: { lat: 42.6534, tz: null } };

  it('finds nothing when every written field reads back, extra fields aside', () => {
    const actual = {
      device: { name: 'Hall-1', mac: 'X' },
      location: { lat: 42.65340000001, tz: null, lon: 1 },
    };
    expect(configMismatches(expected, actual, 'sys')).toEqual([]);
  });

  it('names each differing or missing field with both values', () => {
    expect(configMismatches(expected, { device: { name: 'Other' }, location: {} }, 'sys')).toEqual([
      'sys.device.name: expected "Hall-1", read back "Other"',
      'sys.location.lat: expected 42.6534, read back nothing',
      'sys.location.tz: expected null, read back nothing',
    ]);
    expect(configMismatches({ enable: true }, null, 'mqtt')).toEqual([
      'mqtt.enable: expected true, read back nothing',
    ]);
  });
});

describe('helpers', () => {
  it('counts leaf settings', () => {
    expect(settingCount({ device: { name: 'a', eco_mode: true }, sntp: { server: 'x' } })).toBe(3);
  });

  it.each([
    [{ restart_required: true }, true],
    [{ restart_required: false }, false],
    [null, false],
    ['true', false],
  ])('reads restart_required from %j', (reply, expected) => {
    expect(needsRestart(reply)).toBe(expected);
  });
});
