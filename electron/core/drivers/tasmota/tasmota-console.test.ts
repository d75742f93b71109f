import { describe, expect, it } from 'vitest';
import { consoleCommandResult, parseConsoleLine } from './tasmota-console';
import { consoleLineFixture, status0Fixture } from './tasmota-fixtures';

describe('parseConsoleLine', () => {
  it.each([
    ['12:00:01.234 CMD: Status 0', { kind: 'command', time: '12:00:01.234', text: 'Status 0' }],
    [
      '12:00:01.240 RSL: STATUS2 = {"StatusFWR":{"Version":"14.2.0"}}',
      {
        kind: 'result',
        time: '12:00:01.240',
        tag: 'RSL',
        topic: 'STATUS2',
        command: 'STATUS2',
        payload: '{"StatusFWR":{"Version":"14.2.0"}}',
        isRetained: false,
      },
    ],
    [
      '12:00:01.240 MQT: stat/tasmota_B3C4D5/RESULT = {"POWER":"ON"}',
      {
        kind: 'result',
        time: '12:00:01.240',
        tag: 'MQT',
        topic: 'stat/tasmota_B3C4D5/RESULT',
        command: 'RESULT',
        payload: '{"POWER":"ON"}',
        isRetained: false,
      },
    ],
    [
      '15:51:51.281 MQT: tele/tasmota_B3C4D5/LWT = Online (retained)',
      {
        kind: 'result',
        time: '15:51:51.281',
        tag: 'MQT',
        topic: 'tele/tasmota_B3C4D5/LWT',
        command: 'LWT',
        payload: 'Online',
        isRetained: true,
      },
    ],
    [
      '00:00:00.052 CFG: Loaded from flash at F9, Count 27',
      { kind: 'log', time: '00:00:00.052', tag: 'CFG', text: 'Loaded from flash at F9, Count 27' },
    ],
    ['12:00:01 WIF: Connected', { kind: 'log', time: '12:00:01', tag: 'WIF', text: 'Connected' }],
    ['12:00:01.240 MQT: Connected', { kind: 'log', time: '12:00:01.240', tag: 'MQT', text: 'Connected' }],
    [
      '\u0000\ufffd\ufffd12:00:01.234 CMD: Status 0',
      { kind: 'command', time: '12:00:01.234', text: 'Status 0' },
    ],
    [
      'ets Jan  8 2013,rst cause:2, boot mode:(3,6)',
      { kind: 'noise', text: 'ets Jan  8 2013,rst cause:2, boot mode:(3,6)' },
    ],
    ['', { kind: 'noise', text: '' }],
  ])('%j', (line, expected) => {
    expect(parseConsoleLine(line)).toEqual(expected);
  });
});

describe('consoleCommandResult', () => {
  const status = status0Fixture();

  it('finds STATUS0 whether logged locally or after an MQTT publish', () => {
    for (const line of [
      consoleLineFixture('RSL', `STATUS0 = ${JSON.stringify(status)}`),
      consoleLineFixture('MQT', `stat/tasmota_B3C4D5/STATUS0 = ${JSON.stringify(status)}`),
    ]) {
      expect(consoleCommandResult(line, 'status0')).toEqual({ ok: true, value: status });
    }
  });

  it('keeps a payload holding a Unicode line separator (legal inside JSON strings)', () => {
    const line = consoleLineFixture('RSL', 'STATUS0 = {"Status":{"DeviceName":"Hall\u2028Plug"}}');
    expect(consoleCommandResult(line, 'STATUS0')).toEqual({
      ok: true,
      value: { Status: { DeviceName: 'Hall\u2028Plug' } },
    });
  });

  it('ignores other results, echoes and noise', () => {
    expect(consoleCommandResult(consoleLineFixture('RSL', 'STATUS2 = {}'), 'STATUS0')).toBeUndefined();
    expect(consoleCommandResult(consoleLineFixture('CMD', 'Status 0'), 'STATUS0')).toBeUndefined();
    expect(consoleCommandResult('garbage STATUS0 = {}', 'STATUS0')).toBeUndefined();
  });

  it('reports a truncated result as a bad reply', () => {
    const result = consoleCommandResult(consoleLineFixture('RSL', 'STATUS0 = {"Status":{"Modu'), 'STATUS0');
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.error.message).toMatch(/console STATUS0 result: not JSON/);
  });
});
