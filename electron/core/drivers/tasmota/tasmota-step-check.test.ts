import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../device-error';
import {
  checkRawCommand,
  checkResetLevel,
  checkWebPassword,
  planConfigChange,
  resetDefaults,
} from './tasmota-step-check';

function refusal(fn: () => unknown): DeviceError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).reason).toBe('unsupported');
    return error as DeviceError;
  }
  throw new Error('expected a refusal');
}

describe('planConfigChange', () => {
  it('refuses turning discovery off in a change that restarts (each boot forces SetOption19 0)', () => {
    const restarting = [
      { command: 'SetOption19', value: 'on' },
      { command: 'Topic', value: 'hall_1' },
    ];
    expect(() => planConfigChange({ commands: restarting })).toThrow(
      /"SetOption19 on" does not survive the restart this change needs/,
    );
    expect(planConfigChange({ commands: [{ command: 'SetOption19', value: '1' }] }).restarts).toBe(false);
    expect(
      planConfigChange({ commands: [{ command: 'SetOption19', value: '0' }, restarting[1]!] }).restarts,
    ).toBe(true);
  });

  it('builds one Backlog and says whether the device restarts, moves broker or renames', () => {
    const plan = planConfigChange({
      commands: [
        { command: 'DeviceName', value: ' Hall ' },
        { command: 'Topic', value: 'hall_1' },
      ],
    });
    expect(plan.backlog).toEqual({ name: 'Backlog', value: 'DeviceName Hall; Topic hall_1' });
    expect(plan).toMatchObject({ restarts: true, movesBroker: false, topic: 'hall_1', fullTopic: null });
    expect(planConfigChange({ commands: [{ command: 'TelePeriod', value: '60' }] }).restarts).toBe(false);
    expect(planConfigChange({ commands: [{ command: 'MqttHost', value: 'broker2' }] }).movesBroker).toBe(
      true,
    );
  });

  it.each([
    ['Reset', '1'],
    ['WebPassword', 'x'],
    ['DeviceName', 'a; Reset 1'],
    ['TelePeriod', '5'],
    ['DeviceName', 'line\nbreak'],
  ])('refuses %s %j, which the allow-list does not permit', (command, value) => {
    expect(refusal(() => planConfigChange({ commands: [{ command, value }] })).message).toContain(
      'is not an allowed Tasmota config command',
    );
  });

  it('refuses a change without Tasmota settings or too long for one command line', () => {
    expect(refusal(() => planConfigChange(undefined)).message).toBe(
      'this config change has no Tasmota settings',
    );
    const many = Array.from({ length: 20 }, (_, i) => ({
      command: `FriendlyName${(i % 8) + 1}`,
      value: 'x'.repeat(30),
    }));
    expect(refusal(() => planConfigChange({ commands: many })).message).toContain('520-character');
  });
});

describe('checkRawCommand, checkResetLevel, checkWebPassword', () => {
  it('lets allow-listed raw commands through and refuses the rest', () => {
    expect(checkRawCommand('Status', '0')).toEqual({ name: 'Status', value: '0' });
    expect(checkRawCommand('Power1', 'toggle')).toEqual({ name: 'Power1', value: 'toggle' });
    refusal(() => checkRawCommand('Restart', '1'));
    refusal(() => checkRawCommand('Status', '0; Reset 1'));
  });

  it('needs an explicit reset level 1..6', () => {
    expect(refusal(() => checkResetLevel(undefined)).message).toContain('choose a reset level');
    refusal(() => checkResetLevel(99));
    expect(checkResetLevel(6)).toBe(6);
  });

  it('knows which defaults each level leaves', () => {
    expect(resetDefaults(1, 'a4:cf:12:b3:c4:d5')).toEqual({
      deviceName: 'Tasmota',
      friendlyName1: 'Tasmota',
      topic: 'tasmota_B3C4D5',
      fullTopic: '%prefix%/%topic%/',
    });
    expect(resetDefaults(6, 'A4CF12B3C4D5').topic).toBeNull();
  });

  it.each(['', 'x'.repeat(33), ' padded', 'tab\there', 'ümlaut', '0', '1'])(
    'refuses the web password %j without echoing it',
    (password) => {
      const error = refusal(() => checkWebPassword(password));
      if (password.length > 2) expect(error.message).not.toContain(password);
    },
  );
});
