import { describe, expect, it } from 'vitest';
import { parseConsoleLine } from './tasmota-console';

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
