import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../device-error';
import {
  buildRequest,
  DeviceInfoSchema,
  decode,
  isRebootConfirmed,
  parseResponse,
  ShellyRpcError,
} from './shelly-protocol';

describe('Shelly RPC frames', () => {
  it('builds request frames with id, src and optional params', () => {
    expect(buildRequest(7, 'fieldbatch', 'Sys.GetStatus')).toEqual({
      jsonrpc: '2.0',
      id: 7,
      src: 'fieldbatch',
      method: 'Sys.GetStatus',
    });
    expect(buildRequest(8, 'fb', 'Shelly.Reboot', { delay_ms: 0 })).toMatchObject({
      params: { delay_ms: 0 },
    });
  });

  it('returns the result, including null results', () => {
    expect(
      parseResponse('{"id":7,"src":"shellyplus1pm-a","dst":"fb","result":{"uptime":5}}', 7, 'M'),
    ).toEqual({ uptime: 5 });
    expect(parseResponse('{"id":7,"src":"s","dst":"fb","result":null}', 7, 'Shelly.Reboot')).toBeNull();
  });

  it('turns error frames into ShellyRpcError with code and message', () => {
    const call = () =>
      parseResponse('{"id":7,"src":"s","error":{"code":404,"message":"No handler for X.Y"}}', 7, 'X.Y');
    expect(call).toThrow(ShellyRpcError);
    expect(call).toThrow('X.Y failed: 404 No handler for X.Y');
    try {
      call();
    } catch (error) {
      expect(error).toMatchObject({ reason: 'device-error', code: 404 });
    }
  });

  it.each([
    ['not json', 'garbage <html>'],
    ['an array', '[1,2]'],
    ['neither result nor error', '{"id":7}'],
    ['a mismatched id', '{"id":8,"result":{}}'],
    ['a non-numeric error code', '{"id":7,"error":{"code":"x"}}'],
  ])('rejects %s as bad-reply', (_what, body) => {
    expect(() => parseResponse(body, 7, 'M')).toThrow(DeviceError);
    try {
      parseResponse(body, 7, 'M');
    } catch (error) {
      expect((error as DeviceError).reason).toBe('bad-reply');
    }
  });

  it('decodes device info and names the bad field', () => {
    const info = {
      id: 'shellyplus1pm-a8032ab12345',
      mac: 'A8032AB12345',
      model: 'SNSW-001P16EU',
      gen: 2,
      fw_id: 'x',
      ver: '1.4.2',
      app: 'Plus1PM',
    };
    expect(decode(DeviceInfoSchema, info, 'GET /shelly')).toMatchObject({ gen: 2 });
    expect(() => decode(DeviceInfoSchema, { ...info, mac: 'A8:03' }, 'GET /shelly')).toThrow(
      /GET \/shelly: mac/,
    );
    expect(() => decode(DeviceInfoSchema, { ...info, gen: 1 }, 'GET /shelly')).toThrow(/gen/);
  });
});

describe('isRebootConfirmed', () => {
  it.each([
    // uptimeBefore, uptimeAfter, secondsBetween, confirmed
    [100, 0, 3, true],
    [100, 2, 3, true],
    [100, 103, 3, false], // kept counting: no reboot
    [100, 102, 3, false], // floor effects, still no reboot
    [0, 0, 0.5, false], // too soon to tell
    [0, 1, 3, true],
    [5, 5, 0.2, false],
  ])('before %ds, after %ds, %ss apart → %s', (uptimeBefore, uptimeAfter, secondsBetween, confirmed) => {
    expect(isRebootConfirmed({ uptimeBefore, uptimeAfter, secondsBetween })).toBe(confirmed);
  });
});
