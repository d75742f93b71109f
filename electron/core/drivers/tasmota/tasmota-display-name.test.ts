import { describe, expect, it } from 'vitest';
import {
  discoveryConfigFixture,
  status0Fixture,
} from '../../../../test-support/drivers/tasmota/tasmota-fixtures';
import { displayName, parseDiscoveryConfig, parseStatus0 } from './tasmota-protocol';

function withNames(fixture: Record<string, unknown>, deviceName: string, friendly: string[]) {
  const status = fixture.Status as Record<string, unknown>;
  return { ...fixture, Status: { ...status, DeviceName: deviceName, FriendlyName: friendly } };
}

describe('a Tasmota device’s own name', () => {
  it.each([
    ['DeviceName wins', 'Hall Plug', ['Relay A'], 'Hall Plug'],
    ['the factory DeviceName gives way to a FriendlyName someone set', 'Tasmota', ['Pump'], 'Pump'],
    ['factory names in any case are no name', 'TASMOTA', ['Tasmota', null], null],
    ['blank names are no name', '  ', ['', 'Second relay'], 'Second relay'],
    ['nothing reported', null, undefined, null],
  ])('%s', (_, deviceName, friendly, expected) => {
    expect(displayName(deviceName, friendly)).toBe(expected);
  });

  it('takes Status.DeviceName from Status 0', () => {
    const status = withNames(status0Fixture(), 'Pump room', ['Tasmota']);
    const parsed = parseStatus0(status);
    expect(parsed.ok && parsed.value.device.name).toBe('Pump room');
  });

  it('leaves the name empty for a factory-named device, so lists show model and MAC', () => {
    const status = withNames(status0Fixture(), 'Tasmota', ['Tasmota']);
    const parsed = parseStatus0(status);
    expect(parsed.ok && parsed.value.device.name).toBeNull();
  });

  it('takes dn from the native discovery config', () => {
    const config = discoveryConfigFixture('A4CF12B3C4D5', { dn: 'Tasmota', fn: ['Garage door', null] });
    const parsed = parseDiscoveryConfig(JSON.stringify(config));
    expect(parsed.ok && parsed.value.device.name).toBe('Garage door');
  });
});
