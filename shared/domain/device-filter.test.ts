import { describe, expect, it } from 'vitest';
import type { DeviceSummary } from './device';
import { compileFilter, DeviceFilterSchema, isEmptyFilter } from './device-filter';
import { toSemver } from './firmware-version';

function device(overrides: Partial<DeviceSummary>): DeviceSummary {
  return {
    id: 'mac:a8032ab12345' as DeviceSummary['id'],
    family: 'tasmota',
    name: 'Hall plug',
    customName: null,
    model: 'Sonoff Basic',
    product: 'Tasmota',
    chip: 'ESP8266',
    generation: null,
    firmware: '13.4.0(release-tasmota)',
    firmwareSemver: '13.4.0',
    mac: 'a8032ab12345',
    address: '192.0.2.5:80',
    online: true,
    offlineReason: null,
    firstSeenAt: 1,
    lastSeenAt: 2,
    sources: ['mqtt'],
    tags: ['floor-1', 'Pumps'],
    neverTouch: false,
    capabilities: ['reboot', 'firmware-update', 'config-change', 'collect', 'factory-reset', 'set-password'],
    ...overrides,
  };
}

describe('firmware versions', () => {
  it.each([
    ['14.2.0(release-tasmota)', '14.2.0'],
    ['1.5.0-beta2', '1.5.0-beta2'],
    ['2025.8.0', '2025.8.0'],
    ['v1.14.0', '1.14.0'],
    ['9.2', '9.2.0'],
    ['unknown', null],
  ])('%s → %s', (raw, semver) => {
    expect(toSemver(raw)).toBe(semver);
  });
});

describe('the shared device filter', () => {
  const tasmota13 = device({});
  const tasmota14 = device({
    id: 'mac:000000000002' as never,
    firmware: '14.2.0(release-tasmota)',
    firmwareSemver: '14.2.0',
    tags: [],
  });
  const shelly = device({
    id: 'mac:000000000003' as never,
    family: 'shelly',
    model: 'SNSW-001P16EU',
    product: 'Plus1PM',
    firmware: '1.5.0-beta2',
    firmwareSemver: '1.5.0-beta2',
    online: false,
    sources: ['mdns'],
    name: null,
    tags: [],
    address: '192.0.2.77:80',
  });
  const all = [tasmota13, tasmota14, shelly];
  const ids = (filter: unknown) =>
    all.filter(compileFilter(DeviceFilterSchema.parse(filter))).map((d) => d.id);

  it('"Tasmota below 14.0" matches by family and semver range', () => {
    expect(ids({ families: ['tasmota'], firmware: '<14.0.0' })).toEqual([tasmota13.id]);
  });

  it('includes pre-releases in ranges', () => {
    expect(ids({ firmware: '>=1.5.0-beta1 <1.6' })).toEqual([shelly.id]);
  });

  it('matches text case-insensitively over name, model, product, firmware, MAC, address, tags', () => {
    expect(ids({ text: 'PUMPS' })).toEqual([tasmota13.id]);
    expect(ids({ text: 'plus1pm' })).toEqual([shelly.id]);
    expect(ids({ text: '192.0.2.5' })).toHaveLength(2);
    expect(ids({ text: '   ' })).toHaveLength(3);
  });

  it('combines criteria with AND and values with OR, tags needing all', () => {
    expect(ids({ families: ['tasmota', 'shelly'], online: false })).toEqual([shelly.id]);
    expect(ids({ tags: ['floor-1', 'pumps'] })).toEqual([tasmota13.id]);
    expect(ids({ tags: ['floor-1', 'roof'] })).toEqual([]);
    expect(ids({ sources: ['mdns'] })).toEqual([shelly.id]);
    expect(ids({ models: ['sonoff basic'] })).toHaveLength(2);
  });

  it('refuses a firmware range it cannot evaluate, with a hint', () => {
    const parsed = DeviceFilterSchema.safeParse({ firmware: 'below fourteen' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(/not a version range/);
    expect(DeviceFilterSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });

  it('knows an empty filter', () => {
    expect(isEmptyFilter({})).toBe(true);
    expect(isEmptyFilter({ text: '', families: [] })).toBe(true);
    expect(isEmptyFilter({ online: false })).toBe(false);
  });
});
