import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../device-error';
import {
  discoveryConfigFixture,
  status0Fixture,
} from '../../../../test-support/drivers/tasmota/tasmota-fixtures';
import { modelFromModule } from './tasmota-modules';
import {
  MAX_TASMOTA_PAYLOAD_BYTES,
  discoveryTopicMac,
  parseDiscoveryConfig,
  parseJsonObject,
  parseStatus0,
  type ParseResult,
} from './tasmota-protocol';

const TOPIC = 'tasmota/discovery/A4CF12B3C4D5/config';

function errorOf<T>(result: ParseResult<T>): DeviceError {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

function valueOf<T>(result: ParseResult<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

describe('parseDiscoveryConfig', () => {
  it('turns a native discovery config into a Tasmota identity with its topics', () => {
    const config = discoveryConfigFixture();
    const discovery = valueOf(parseDiscoveryConfig(JSON.stringify(config), TOPIC));
    expect(discovery).toEqual({
      device: {
        id: 'mac:a4cf12b3c4d5',
        family: 'tasmota',
        name: 'Hall Plug',
        model: 'Sonoff Basic',
        product: 'Tasmota',
        generation: null,
        firmware: '14.2.0',
        mac: 'a4cf12b3c4d5',
        raw: config,
      },
      topic: 'tasmota_B3C4D5',
      fullTopic: '%prefix%/%topic%/',
      prefixes: { cmnd: 'cmnd', stat: 'stat', tele: 'tele' },
      hostname: 'hall-plug-C4D5',
      ip: '198.51.100.50',
      onlinePayload: 'Online',
      offlinePayload: 'Offline',
    });
  });

  it('accepts bytes as well as text', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(discoveryConfigFixture()));
    expect(valueOf(parseDiscoveryConfig(bytes, TOPIC)).device.id).toBe('mac:a4cf12b3c4d5');
  });

  it.each([
    ['dn empty: first friendly name', { dn: '', fn: [null, 'Kitchen', null] }, 'Kitchen'],
    ['no dn and no friendly names', { dn: null, fn: [null, null] }, null],
    ['dn wins over fn', { dn: 'Desk', fn: ['Other'] }, 'Desk'],
  ])('names the device: %s', (_, overrides, name) => {
    const result = parseDiscoveryConfig(
      JSON.stringify(discoveryConfigFixture('A4CF12B3C4D5', overrides)),
      TOPIC,
    );
    expect(valueOf(result).device.name).toBe(name);
  });

  it('keeps custom prefixes, FullTopic and LWT payloads', () => {
    const overrides = { tp: ['c', 's', 't'], ft: 'site/%prefix%/%topic%/', onln: 'up', ofln: 'down' };
    const discovery = valueOf(
      parseDiscoveryConfig(JSON.stringify(discoveryConfigFixture('A4CF12B3C4D5', overrides)), TOPIC),
    );
    expect(discovery.prefixes).toEqual({ cmnd: 'c', stat: 's', tele: 't' });
    expect(discovery.fullTopic).toBe('site/%prefix%/%topic%/');
    expect([discovery.onlinePayload, discovery.offlinePayload]).toEqual(['up', 'down']);
  });

  it.each([
    ['not JSON', '{"ip":', /not JSON/],
    ['a JSON array', '[1,2]', /expected a JSON object/],
    ['JSON null', 'null', /expected a JSON object/],
    ['missing mac', JSON.stringify({ ...discoveryConfigFixture(), mac: undefined }), /mac/],
    [
      'a bad mac',
      JSON.stringify(discoveryConfigFixture('A4CF12B3C4D5', { mac: 'nope' })),
      /not a MAC address/,
    ],
    [
      'a topic with a wildcard',
      JSON.stringify(discoveryConfigFixture('A4CF12B3C4D5', { t: 'a/+' })),
      /t must not contain/,
    ],
    ['sw as a number', JSON.stringify(discoveryConfigFixture('A4CF12B3C4D5', { sw: 14 })), /sw/],
    ['tp of two prefixes', JSON.stringify(discoveryConfigFixture('A4CF12B3C4D5', { tp: ['a', 'b'] })), /tp/],
  ])('refuses %s with a bad-reply error', (_, payload, message) => {
    const error = errorOf(parseDiscoveryConfig(payload, TOPIC));
    expect(error).toBeInstanceOf(DeviceError);
    expect(error.reason).toBe('bad-reply');
    expect(error.message).toMatch(message);
  });

  it('refuses a payload whose MAC is not the one in its topic', () => {
    const payload = JSON.stringify(discoveryConfigFixture('A4CF12B3C4D6'));
    expect(errorOf(parseDiscoveryConfig(payload, TOPIC)).message).toMatch(/does not match the topic/);
  });

  it('refuses oversized payloads without parsing them', () => {
    const huge = `{"pad":"${'x'.repeat(MAX_TASMOTA_PAYLOAD_BYTES)}"}`;
    expect(errorOf(parseDiscoveryConfig(huge, TOPIC)).message).toMatch(/exceeds the 262144-byte limit/);
  });
});

describe('discoveryTopicMac', () => {
  it.each([
    ['tasmota/discovery/A4CF12B3C4D5/config', 'a4cf12b3c4d5'],
    ['tasmota/discovery/A4CF12B3C4D5/sensors', null],
    ['tasmota/discovery/XYZ/config', null],
    ['tele/tasmota_1/LWT', null],
  ])('%s → %s', (topic, mac) => expect(discoveryTopicMac(topic)).toBe(mac));
});

describe('parseStatus0', () => {
  it('reads the identity from StatusFWR, StatusNET and Status', () => {
    const status = status0Fixture();
    expect(valueOf(parseStatus0(JSON.stringify(status)))).toEqual({
      device: {
        id: 'mac:a4cf12b3c4d5',
        family: 'tasmota',
        name: 'Hall Plug',
        model: 'Sonoff Basic',
        product: 'Tasmota',
        generation: null,
        firmware: '14.2.0(release-tasmota)',
        mac: 'a4cf12b3c4d5',
        chip: 'ESP8266',
        raw: status,
      },
      topic: 'tasmota_B3C4D5',
      hostname: 'hall-plug-C4D5',
      ip: '198.51.100.50',
      hardware: 'ESP8266EX',
    });
  });

  it.each([
    ['ESP32-C3 v0.4', 'ESP32-C3'],
    ['ESP32-D0WD-V3 v3.0', 'ESP32'],
    ['Unknown board', null],
  ])('maps StatusFWR.Hardware %j to the chip %j', (hardware, chip) => {
    const status = status0Fixture(undefined, {
      StatusFWR: { Version: '14.4.0(release-tasmota32)', Hardware: hardware },
    });
    expect(valueOf(parseStatus0(status)).device.chip).toBe(chip);
  });

  // CmndStatus prints Power with "%*_b" since 14.x; older builds sent the bitmask as a number.
  it.each([['011'], [3], ['']])('accepts Status.Power %j in either form', (power) => {
    const status = status0Fixture();
    const withPower = { ...status, Status: { ...(status.Status as object), Power: power } };
    expect(valueOf(parseStatus0(withPower)).device.mac).toBe('a4cf12b3c4d5');
  });

  it('takes the 5.x FriendlyName string as well as the later array', () => {
    const status = status0Fixture();
    const old = {
      ...status,
      Status: { ...(status.Status as object), DeviceName: undefined, FriendlyName: 'Wemos Five' },
    };
    expect(valueOf(parseStatus0(old)).device.name).toBe('Wemos Five');
  });

  it('accepts an already decoded object (HTTP /cm replies arrive parsed)', () => {
    expect(valueOf(parseStatus0(status0Fixture())).device.firmware).toBe('14.2.0(release-tasmota)');
  });

  it.each([
    ['no StatusNET', { StatusNET: undefined }, /StatusNET/],
    ['a colonless garbage MAC', { StatusNET: { Mac: 'zz' } }, /StatusNET.Mac "zz" is not a MAC address/],
    ['no version', { StatusFWR: { Hardware: 'ESP8266EX' } }, /StatusFWR.Version/],
    ['Status as a string', { Status: 'on' }, /Status/],
  ])('refuses a reply with %s', (_, overrides, message) => {
    const error = errorOf(parseStatus0(JSON.stringify({ ...status0Fixture(), ...overrides })));
    expect(error.reason).toBe('bad-reply');
    expect(error.message).toMatch(message);
  });

  it('refuses garbage bytes with a bad-reply error', () => {
    const error = errorOf(parseStatus0(new Uint8Array([0xff, 0x00, 0x7b, 0x9c])));
    expect(error.message).toMatch(/Status 0 reply: not JSON/);
  });
});

describe('modelFromModule', () => {
  it.each([
    [1, 'ESP8266EX', 'Sonoff Basic'],
    [46, 'ESP8266EX', 'Shelly 1'],
    [0, 'ESP8266EX', 'Template'],
    [99, 'ESP8266EX', 'Module 99'],
    [1, 'ESP32-D0WD-V3 v3.0', 'ESP32-DevKit'],
    [1, 'ESP32-C3 v0.4', 'ESP32C3'],
    [5, 'ESP32-S3', 'Module 5'],
    ['Athom Plug V2', null, 'Athom Plug V2'],
    [null, null, 'Tasmota'],
    [1.5, null, 'Tasmota'],
  ] as const)('module %s on %s → %s', (module, hardware, model) => {
    expect(modelFromModule(module, hardware)).toBe(model);
  });
});

describe('parseJsonObject', () => {
  it('measures the size in bytes, not characters', () => {
    const text = `"${'é'.repeat(MAX_TASMOTA_PAYLOAD_BYTES / 2)}"`;
    expect(errorOf(parseJsonObject(text, 'x')).message).toMatch(/exceeds/);
  });
});
