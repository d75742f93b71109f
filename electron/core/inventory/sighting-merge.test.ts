import { describe, expect, it } from 'vitest';
import type { DeviceId, Endpoint } from '../../../shared/domain/device';
import {
  isOnlineSighting,
  mergeSighting,
  richerFirmware,
  richerModel,
  type DeviceSighting,
  type StoredDevice,
} from './sighting-merge';

const http: Endpoint = { transport: 'http', host: '192.0.2.5', port: 80 };
const KEY = '192.0.2.5:80';

function sighting(overrides: Partial<DeviceSighting> = {}): DeviceSighting {
  return {
    id: 'mac:a8032ab12345' as DeviceId,
    family: 'tasmota',
    name: 'Hall plug',
    model: 'Sonoff Basic',
    product: 'Tasmota',
    generation: null,
    firmware: '14.2.0(release-tasmota)',
    mac: 'a8032ab12345',
    raw: {},
    source: 'mdns',
    endpoint: http,
    at: 100,
    ...overrides,
  };
}

const stored: StoredDevice = {
  firmware: '14.2.0(release-tasmota)',
  model: 'Sonoff Basic',
  name: 'Hall plug',
  chip: null,
  online: true,
};

describe('richerFirmware', () => {
  it.each([
    ['14.2.0(release-tasmota)', '14.2.0', '14.2.0(release-tasmota)'],
    ['14.2.0', '14.2.0(release-tasmota)', '14.2.0(release-tasmota)'],
    ['14.2.0(release-tasmota)', '14.3.0', '14.3.0'],
    ['14.3.0(release-tasmota)', '14.2.0', '14.2.0'],
    ['unknown-build-long', 'x', 'x'],
  ])('stored %s, sighted %s: keeps %s', (a, b, kept) => {
    expect(richerFirmware(a, b)).toBe(kept);
  });
});

describe('richerModel', () => {
  it.each([
    ['Athom Plug V2', 'Template', 'Athom Plug V2'],
    ['Athom Plug V2', 'unknown', 'Athom Plug V2'],
    ['Template', 'Athom Plug V2', 'Athom Plug V2'],
    ['unknown', 'Template', 'Template'],
    ['Sonoff Basic', 'Sonoff Mini', 'Sonoff Mini'],
  ])('stored %s, sighted %s: keeps %s', (a, b, kept) => {
    expect(richerModel(a, b)).toBe(kept);
  });
});

describe('isOnlineSighting', () => {
  it('is online unless a list row not reached yet or without an address', () => {
    expect(isOnlineSighting({ endpoint: http })).toBe(true);
    expect(isOnlineSighting({ endpoint: http, online: false })).toBe(false);
    expect(isOnlineSighting({ endpoint: null })).toBe(false);
  });
});

describe('mergeSighting', () => {
  it('calls a first sighting new and notes it as seen', () => {
    expect(mergeSighting(sighting(), { device: undefined, endpoint: undefined }, KEY)).toEqual({
      presence: { online: true, offlineReason: null },
      firmware: '14.2.0(release-tasmota)',
      model: 'Sonoff Basic',
      change: 'new',
      note: { event: 'seen' },
    });
  });

  it('calls a new address on the same source an address change, noting both keys', () => {
    const merge = mergeSighting(
      sighting(),
      { device: stored, endpoint: { key: '192.0.2.9:80', online: true } },
      KEY,
    );
    expect(merge).toMatchObject({
      change: 'address-changed',
      note: { event: 'address-changed', detail: `192.0.2.9:80 → ${KEY}` },
    });
  });

  it.each([
    ['the endpoint is new', { device: stored, endpoint: undefined }],
    ['the endpoint was offline', { device: stored, endpoint: { key: KEY, online: false } }],
    [
      'the device was offline',
      { device: { ...stored, online: false }, endpoint: { key: KEY, online: true } },
    ],
  ])('calls an online sighting came-online when %s', (_why, before) => {
    expect(mergeSighting(sighting(), before, KEY)).toMatchObject({
      change: 'came-online',
      note: { event: 'seen' },
    });
  });

  it('does not bring a device online from a list row, nor call it updated for the same values', () => {
    const merge = mergeSighting(
      sighting({ source: 'manual', endpoint: null, online: false }),
      { device: { ...stored, online: false }, endpoint: undefined },
      null,
    );
    expect(merge).toMatchObject({
      presence: { online: false, offlineReason: 'not-seen' },
      change: 'unchanged',
      note: null,
    });
  });

  it.each<[string, Partial<DeviceSighting>]>([
    ['another version', { firmware: '14.3.0' }],
    ['a real model name', { model: 'Sonoff Mini' }],
    ['another name', { name: 'Hall' }],
    ['a chip told for the first time', { chip: 'ESP8266' }],
  ])('calls %s an update, without a history note', (_what, change) => {
    const merge = mergeSighting(
      sighting(change),
      { device: stored, endpoint: { key: KEY, online: true } },
      KEY,
    );
    expect(merge).toMatchObject({ change: 'updated', note: null });
  });

  it.each<[string, Partial<DeviceSighting>]>([
    ['the shorter spelling of the version', { firmware: '14.2.0' }],
    ['a placeholder model', { model: 'Template' }],
    ['no chip', { chip: null }],
  ])('keeps the stored values and calls it unchanged for %s', (_what, change) => {
    const merge = mergeSighting(
      sighting(change),
      { device: stored, endpoint: { key: KEY, online: true } },
      KEY,
    );
    expect(merge).toMatchObject({
      change: 'unchanged',
      firmware: stored.firmware,
      model: stored.model,
      note: null,
    });
  });
});
