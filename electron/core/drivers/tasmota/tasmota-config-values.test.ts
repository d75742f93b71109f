import { describe, expect, it } from 'vitest';
import { canonicalTimezone, readBackMatches } from './tasmota-config-values';

describe('readBackMatches', () => {
  it.each([
    ['DeviceName', 'Hall Plug', 'Hall Plug', true],
    ['DeviceName', ' Hall Plug ', 'Hall Plug', true],
    ['DeviceName', 'Hall Plug', 'hall plug', false],
    ['FriendlyName1', '1', 'Tasmota', true],
    ['MqttHost', '0', '', true],
    ['MqttHost', '0', '192.0.2.2', false],
    ['Timezone', '2', '+02:00', true],
    ['Timezone', '-3:30', '-03:30', true],
    ['Timezone', '99', 99, true],
    ['Timezone', '2', '+03:00', false],
    ['SetOption53', '1', 'ON', true],
    ['SetOption53', 'off', 'OFF', true],
    ['SetOption53', 'on', 'OFF', false],
    ['SetOption36', '12', 12, true],
    ['PowerRetain', 'on', 'ON', true],
    ['TelePeriod', '60', 60, true],
    ['TelePeriod', '60', 300, false],
    ['MqttPort', '1883', 1883, true],
    ['FullTopic', '%prefix%/site/%topic%', '%prefix%/site/%topic%/', true],
    ['Hostname', 'plug-%04d', 'plug-5A3C', true],
    ['Hostname', 'plug-%04d', 'lamp-5A3C', false],
    ['Topic', 'hall', undefined, false],
  ] as const)('%s %j reads back %j: %s', (command, requested, reported, expected) => {
    expect(readBackMatches(command, requested, reported)).toBe(expected);
  });
});

describe('canonicalTimezone', () => {
  it.each([
    ['5', '+05:00'],
    ['-13', '-13:00'],
    ['+1:30', '+01:30'],
    ['99', '99'],
    ['later', null],
  ])('%s → %s', (input, expected) => expect(canonicalTimezone(input)).toBe(expected));
});
