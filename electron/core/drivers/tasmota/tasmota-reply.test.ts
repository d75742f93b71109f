import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../device-error';
import {
  backlogReplies,
  isReplyKeyFor,
  refusalIn,
  singleReply,
  upgradeReply,
  type TasmotaResult,
} from './tasmota-reply';

const result = (level: string | null, payload: unknown): TasmotaResult => ({
  level,
  payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
});

function thrown(fn: () => unknown): DeviceError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceError);
    return error as DeviceError;
  }
  throw new Error('expected a throw');
}

describe('isReplyKeyFor', () => {
  it.each([
    ['DeviceName', 'DeviceName', true],
    ['devicename', 'DeviceName', true],
    ['FriendlyName1', 'FriendlyName1', true],
    ['FriendlyName1', 'FriendlyName2', false],
    ['SetOption4', 'SetOption19', false],
    ['Power', 'POWER1', true],
    ['Power1', 'POWER', true],
    ['Power2', 'POWER1', false],
    ['Gpio', 'GPIO0', true],
    ['TelePeriod', 'Timezone', false],
  ])('%s answered by key %s: %s', (command, key, expected) => {
    expect(isReplyKeyFor(command, key)).toBe(expected);
  });
});

describe('refusalIn', () => {
  it.each([
    [{ Command: 'Unknown' }, '{"Command":"Unknown"}'],
    [{ Command: 'Error' }, '{"Command":"Error"}'],
    [{ WARNING: 'Enter command cmnd=' }, '{"WARNING":"Enter command cmnd="}'],
    [{ DeviceName: 'Error' }, null],
  ])('%j → %s', (json, expected) => expect(refusalIn(json)).toBe(expected));
});

describe('singleReply', () => {
  const command = { name: 'DeviceName', value: 'Hall' };

  it('waits past telemetry, plain POWER and other commands, and settles on its own key', () => {
    const collector = singleReply(command);
    expect(collector.accept(result('POWER', 'ON'))).toBeUndefined();
    expect(collector.accept(result('RESULT', { POWER: 'ON' }))).toBeUndefined();
    expect(collector.accept(result('RESULT', { DeviceName: 'Hall' }))).toEqual({ DeviceName: 'Hall' });
  });

  it('takes the SetOption4 form, stat/<topic>/<COMMAND>', () => {
    expect(singleReply(command).accept(result('DEVICENAME', { DeviceName: 'Hall' }))).toEqual({
      DeviceName: 'Hall',
    });
  });

  it('turns Unknown / Error into a device-error quoting the device and naming the command', () => {
    const error = thrown(() => singleReply(command).accept(result('RESULT', { Command: 'Unknown' })));
    expect(error).toMatchObject({ reason: 'device-error' });
    expect(error.message).toBe('the device answered {"Command":"Unknown"} to "DeviceName Hall"');
  });

  it('fails garbage where the result belongs as bad-reply, ignores it elsewhere', () => {
    const collector = singleReply(command);
    expect(collector.accept(result('SENSOR', '\u0000junk'))).toBeUndefined();
    const error = thrown(() => collector.accept(result('RESULT', '{"POW')));
    expect(error.reason).toBe('bad-reply');
    expect(error.message).toContain('{\\"POW');
  });

  it('fails an HTTP reply that does not answer the command as bad-reply', () => {
    const collector = singleReply(command);
    expect(collector.accept(result(null, { Other: 1 }))).toBeUndefined();
    expect(thrown(() => collector.finish()).message).toBe(
      'the reply {"Other":1} does not answer "DeviceName Hall"',
    );
  });

  it('never shows a secret value in its messages', () => {
    const secret = { name: 'WebPassword', value: 'hunter22', isSecret: true };
    const error = thrown(() => singleReply(secret).accept(result('RESULT', { Command: 'Error' })));
    expect(error.message).toBe('the device answered {"Command":"Error"} to "WebPassword ****"');
  });

  it('answers State with the STATE object, which has no State key', () => {
    expect(
      singleReply({ name: 'State', value: '' }).accept(result('RESULT', { Time: 't', UptimeSec: 3 })),
    ).toBeDefined();
  });
});

describe('backlogReplies', () => {
  const commands = [
    { name: 'DeviceName', value: 'Hall' },
    { name: 'TelePeriod', value: '60' },
  ];

  it('settles once every command has answered, in any order, merging the results', () => {
    const collector = backlogReplies(commands);
    expect(collector.accept(result('RESULT', { TelePeriod: 60 }))).toBeUndefined();
    expect(collector.accept(result('RESULT', { DeviceName: 'Hall' }))).toEqual({
      TelePeriod: 60,
      DeviceName: 'Hall',
    });
  });

  it('blames a refusal on the first command still unanswered', () => {
    const collector = backlogReplies(commands);
    collector.accept(result('RESULT', { DeviceName: 'Hall' }));
    expect(thrown(() => collector.accept(result('RESULT', { Command: 'Error' }))).message).toBe(
      'the device answered {"Command":"Error"} to "TelePeriod 60"',
    );
  });

  it('accepts a partial /cm answer: the values are read back afterwards anyway', () => {
    const collector = backlogReplies(commands);
    expect(collector.accept(result(null, { DeviceName: 'Hall' }))).toBeUndefined();
    expect(collector.finish()).toEqual({ DeviceName: 'Hall' });
  });
});

describe('upgradeReply', () => {
  it('reports the start, then settles on "Successful. Restarting"', () => {
    const started: string[] = [];
    const collector = upgradeReply(() => started.push('started'));
    expect(
      collector.accept(result('RESULT', { Upgrade: 'Version 14.2.0 from http://x/fw' })),
    ).toBeUndefined();
    expect(collector.accept(result('UPGRADE', { Upgrade: 'Successful. Restarting' }))).toBe('successful');
    expect(started).toEqual(['started']);
  });

  it('fails "Failed <reason>" with the device words', () => {
    const error = thrown(() =>
      upgradeReply(() => undefined).accept(result('UPGRADE', { Upgrade: 'Failed connection lost' })),
    );
    expect(error).toMatchObject({ reason: 'device-error' });
    expect(error.message).toBe('upgrade failed: the device reports "Failed connection lost"');
  });

  it('refuses the version hint as a refusal', () => {
    const error = thrown(() =>
      upgradeReply(() => undefined).accept(result('RESULT', { Upgrade: '1 or >14.2.0 to upgrade' })),
    );
    expect(error.message).toBe('the device refused "Upgrade 1": "1 or >14.2.0 to upgrade"');
  });

  it('over HTTP ends as started: the final word is not visible there', () => {
    const collector = upgradeReply(() => undefined);
    expect(collector.accept(result(null, { Upgrade: 'Version 14.2.0 from http://x/fw' }))).toBeUndefined();
    expect(collector.finish()).toBe('started');
    expect(thrown(() => upgradeReply(() => undefined).finish()).reason).toBe('bad-reply');
  });
});
