import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../device-error';
import type { TasmotaCommand } from './tasmota-channel';
import { parseConsoleLine } from './tasmota-console';
import {
  consoleLineFixture,
  status0Fixture,
  statusSectionFixtures,
} from '../../../../test-support/drivers/tasmota/tasmota-fixtures';
import type { TasmotaResult } from './tasmota-reply';
import { consoleResult } from './tasmota-serial-channel';
import {
  collectStatus,
  statusSections,
  statusSectionsWanted,
  TasmotaLineCut,
  TasmotaStatusIncomplete,
  type StatusSectionsWanted,
} from './tasmota-status-sections';

// Source of every shape here: arendst/Tasmota support_command.ino CmndStatus / CmndStatusResponse.
const STATUS_0: TasmotaCommand = { name: 'Status', value: '0' };
const STATUS0: TasmotaCommand = { name: 'Status0', value: '' };
const status = status0Fixture();
const sections = statusSectionFixtures(status);
const result = (level: string | null, payload: unknown): TasmotaResult => ({
  level,
  payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
});
const wantedOf = (command: TasmotaCommand, isMqttOn = false) =>
  statusSectionsWanted(command, { isMqttOn }) as StatusSectionsWanted;

function feed(command: TasmotaCommand, results: TasmotaResult[], isMqttOn = false) {
  const collector = statusSections(command, wantedOf(command, isMqttOn));
  const values = results.map((r) => collector.accept(r));
  return { collector, values, settled: values.find((v) => v !== undefined) };
}

function thrown(fn: () => unknown): DeviceError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceError);
    return error as DeviceError;
  }
  throw new Error('expected a throw');
}

describe('statusSectionsWanted', () => {
  it.each([
    [{ name: 'Status', value: '' }, ['Status']],
    [{ name: 'Status', value: '2' }, ['StatusFWR']],
    [{ name: 'status', value: '8' }, ['StatusSNS']],
    [{ name: 'Status', value: '11' }, ['StatusSTS']],
  ])('%j wants %j', (command, required) => {
    expect(statusSectionsWanted(command)?.required).toEqual(required);
  });

  it('wants every section for Status 0 and Status0, StatusMQT only with MQTT on', () => {
    const all = statusSectionsWanted(STATUS_0)!.required;
    expect(all).toEqual(expect.arrayContaining(['Status', 'StatusFWR', 'StatusNET', 'StatusSTS']));
    expect(all).not.toContain('StatusMQT');
    expect(statusSectionsWanted(STATUS0)!.required).toEqual(all);
    expect(statusSectionsWanted(STATUS_0, { isMqttOn: true })!.required).toContain('StatusMQT');
  });

  it('is null for other commands and indexes the firmware refuses', () => {
    expect(statusSectionsWanted({ name: 'State', value: '' })).toBeNull();
    expect(statusSectionsWanted({ name: 'Status', value: '99' })).toBeNull();
    expect(statusSectionsWanted({ name: 'Status2', value: '' })).toBeNull();
    expect(statusSectionsWanted({ name: 'Status', value: 'x' })).toBeNull();
  });
});

describe('statusSections', () => {
  it('merges the per-section messages of Status 0, in any order', () => {
    const shuffled = [...sections].reverse().map(([level, json]) => result(level, json));
    const { values, settled } = feed(STATUS_0, shuffled);
    expect(values.slice(0, -1).every((v) => v === undefined)).toBe(true);
    expect(settled).toEqual(status);
    expect(Object.keys(settled!)).toEqual(Object.keys(status));
  });

  it('ignores telemetry and other commands interleaved with the sections', () => {
    const noise = [
      result('RESULT', { POWER: 'ON' }),
      result('POWER', 'ON'),
      result('STATE', { UptimeSec: 3, POWER: 'ON' }),
      result('SENSOR', { Time: 'x' }),
      result('RESULT', { StatusFWR: 'not for us' }),
    ];
    const mixed = sections.flatMap(([level, json], i) => [result(level, json), noise[i % noise.length]!]);
    expect(feed(STATUS_0, mixed).settled).toEqual(status);
  });

  it('settles on one merged STATUS0 (Status0), and takes it for Status 0 too', () => {
    expect(feed(STATUS0, [result('STATUS0', status)]).settled).toEqual(status);
    expect(feed(STATUS_0, [result('STATUS0', status)]).settled).toEqual(status);
  });

  it('waits for StatusMQT over MQTT, which a device with MQTT on always sends', () => {
    const withMqt = { ...status, StatusMQT: { MqttHost: 'broker', MqttCount: 1 } };
    const messages = statusSectionFixtures(withMqt).map(([level, json]) => result(level, json));
    const withoutMqt = messages.filter((m) => m.level !== 'STATUS6');
    expect(feed(STATUS_0, withoutMqt, true).settled).toBeUndefined();
    expect(feed(STATUS_0, messages, true).settled).toEqual(withMqt);
  });

  it('keeps the first copy of a section sent twice', () => {
    const other = { StatusFWR: { Version: '1.0.0', Hardware: 'ESP32' } };
    const messages = [
      result('STATUS2', { StatusFWR: status.StatusFWR }),
      result('STATUS2', other),
      ...sections.filter(([level]) => level !== 'STATUS2').map(([level, json]) => result(level, json)),
    ];
    expect(feed(STATUS_0, messages).settled?.StatusFWR).toEqual(status.StatusFWR);
  });

  it('answers a plain Status n with its one section', () => {
    const fwr = { StatusFWR: status.StatusFWR };
    const { values } = feed({ name: 'Status', value: '2' }, [
      result('STATUS', { Status: status.Status }),
      result('STATUS2', fwr),
    ]);
    expect(values).toEqual([undefined, fwr]);
  });

  it('names the missing sections when the reply stops short', async () => {
    const partial = sections.filter(([level]) => level !== 'STATUS5' && level !== 'STATUS11');
    const error = await collectStatus(STATUS_0, wantedOf(STATUS_0), async (collector) => {
      for (const [level, json] of partial) collector.accept(result(level, json));
      throw new DeviceError('timeout', 'no reply to "Status 0" over MQTT within 5000 ms');
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TasmotaStatusIncomplete);
    expect((error as TasmotaStatusIncomplete).reason).toBe('timeout');
    expect((error as TasmotaStatusIncomplete).missing).toEqual(['StatusNET', 'StatusSTS']);
    expect((error as Error).message).toMatch(/within 5000 ms: missing StatusNET, StatusSTS \(got Status, /);
  });

  it('leaves a timeout with no section at all a plain timeout (nothing answered)', async () => {
    const timeout = new DeviceError('timeout', 'no reply');
    const error = await collectStatus(STATUS_0, wantedOf(STATUS_0), () => Promise.reject(timeout)).catch(
      (e: unknown) => e,
    );
    expect(error).toBe(timeout);
  });

  it('fails a single HTTP reply without the section asked for, naming it', () => {
    const collector = statusSections(
      { name: 'Status', value: '2' },
      wantedOf({ name: 'Status', value: '2' }),
    );
    expect(collector.accept(result(null, { POWER: 'ON' }))).toBeUndefined();
    const error = thrown(() => collector.finish());
    expect(error).toBeInstanceOf(TasmotaStatusIncomplete);
    expect(error.message).toMatch(/incomplete: missing StatusFWR \(got no section\)/);
  });

  it('fails on a non-JSON section, quoting it', () => {
    const error = thrown(() => feed(STATUS_0, [result('STATUS1', 'Restarting')]));
    expect(error.reason).toBe('bad-reply');
    expect(error.message).toMatch(/STATUS1 of "Status 0" is cut off or garbled: .*not JSON \("Restarting"\)/);
  });

  it('fails on a refusal of the command', () => {
    const error = thrown(() =>
      feed({ name: 'Status', value: '6' }, [result('RESULT', { Command: 'Error' })]),
    );
    expect(error.reason).toBe('device-error');
    expect(error.message).toMatch(/\{"Command":"Error"\} to "Status 6"/);
  });
});

describe('statusSections on console lines', () => {
  const accept = (command: TasmotaCommand, lines: string[]) => {
    const collector = statusSections(command, wantedOf(command));
    for (const line of lines) {
      const r = consoleResult(parseConsoleLine(line));
      const value = r === null ? undefined : collector.accept(r);
      if (value !== undefined) return value;
    }
    return undefined;
  };

  it('reads the merged STATUS0 line whether published (MQT) or only logged (RSL)', () => {
    for (const line of [
      consoleLineFixture('RSL', `STATUS0 = ${JSON.stringify(status)}`),
      consoleLineFixture('MQT', `stat/tasmota_B3C4D5/STATUS0 = ${JSON.stringify(status)}`),
    ]) {
      expect(accept(STATUS0, [consoleLineFixture('CMD', 'Status0'), line])).toEqual(status);
    }
  });

  it('collects one RSL line per section of Status 0 between other log output', () => {
    const lines = sections.flatMap(([level, json]) => [
      consoleLineFixture('RSL', `${level} = ${JSON.stringify(json)}`),
      consoleLineFixture('MQT', 'tele/tasmota_B3C4D5/STATE = {"UptimeSec":1}'),
      'ets Jan  8 2013,rst cause:2',
    ]);
    expect(accept(STATUS_0, [consoleLineFixture('CMD', 'Status 0'), ...lines])).toEqual(status);
  });

  it('keeps a payload holding a Unicode line separator (legal inside JSON strings)', () => {
    const named = { ...status, Status: { ...(status.Status as object), DeviceName: 'Hall\u2028Plug' } };
    const line = consoleLineFixture('RSL', `STATUS0 = ${JSON.stringify(named)}`);
    expect(accept(STATUS0, [line])).toEqual(named);
  });

  it('gives a clear reason for a line cut in half', () => {
    const line = consoleLineFixture('RSL', 'STATUS0 = {"Status":{"Modu');
    const error = thrown(() => accept(STATUS0, [line]));
    expect(error.reason).toBe('bad-reply');
    expect(error.message).toMatch(/^STATUS0 of "Status0" is cut off or garbled/);
  });

  it('tells a line the device itself cut short (" ..." at the end)', () => {
    const line = consoleLineFixture('RSL', `STATUS0 = ${JSON.stringify(status).slice(0, 400)} ...`);
    const error = thrown(() => accept(STATUS0, [line]));
    expect(error).toBeInstanceOf(TasmotaLineCut);
    expect(error.message).toMatch(/cut short by the device/);
  });

  it('skips garbage and lines that only look like results', () => {
    const lines = [
      '\u0000\u00ff garbage STATUS0 = {}',
      'STATUS0 = {"Status":{}}',
      consoleLineFixture('CMD', 'Status0'),
    ];
    expect(accept(STATUS0, lines)).toBeUndefined();
  });
});
