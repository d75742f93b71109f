import { describe, expect, it } from 'vitest';
import { parseConsoleLine } from './tasmota-console';
import { teleEvent } from './tasmota-mqtt-channel';
import { consoleEvent, consoleResult } from './tasmota-serial-channel';

const line = (text: string) => parseConsoleLine(text);

describe('consoleResult', () => {
  it.each([
    [
      '12:00:01.240 RSL: RESULT = {"DeviceName":"Hall"}',
      { level: 'RESULT', payload: '{"DeviceName":"Hall"}' },
    ],
    [
      '12:00:01.240 MQT: stat/tasmota_B3C4D5/STATUS0 = {"Status":{}}',
      { level: 'STATUS0', payload: '{"Status":{}}' },
    ],
    ['12:00:01.240 MQT: tele/tasmota_B3C4D5/STATE = {"Uptime":"0T00:00:09"}', null],
    ['12:00:01.240 CMD: Status 0', null],
    ['\u00ff\u00fegarbage from the boot ROM', null],
  ])('%s → %j', (text, expected) => expect(consoleResult(line(text))).toEqual(expected));
});

describe('restart signs', () => {
  it.each([
    ['00:00:01.000 APP: Restarting (Restart)', { kind: 'offline' }],
    ['00:00:00.001 HDW: ESP8266EX', { kind: 'online' }],
    ['00:00:00.052 CFG: Loaded from flash at F9, Count 27', { kind: 'online' }],
    ['00:00:02.000 MQT: tele/t/LWT = Online (retained)', { kind: 'online' }],
    [
      '00:00:02.000 MQT: tele/t/INFO1 = {"Info1":{"Version":"14.3.0(release-tasmota)"}}',
      { kind: 'info1', version: '14.3.0(release-tasmota)' },
    ],
    ['00:00:02.000 WIF: Connected', null],
  ])('console %s → %j', (text, expected) => expect(consoleEvent(line(text))).toEqual(expected));

  it('reads MQTT LWT and INFO1 payloads, tolerating junk', () => {
    expect(teleEvent('LWT', 'Offline')).toEqual({ kind: 'offline' });
    expect(teleEvent('INFO1', 'not json')).toEqual({ kind: 'info1', version: null });
    expect(teleEvent('LWT', 'Maybe')).toBeNull();
    expect(teleEvent('STATE', '{}')).toBeNull();
  });
});
