import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../device-error';
import { discoveryConfigFixture } from '../../../../test-support/drivers/tasmota/tasmota-fixtures';
import { parseDiscoveryConfig, type TasmotaDiscovery } from '../../drivers/tasmota/tasmota-protocol';
import type { MqttMessage, MqttRequest, MqttSessionManager } from '../../transport/mqtt-session';
import { ChipProbe } from './mqtt-source-chip';

interface Pending {
  request: MqttRequest<unknown>;
  answer(level: string, payload: string): void;
  fail(error: Error): void;
}

/** A session manager whose requests wait until the test answers them. */
function fakeSessions() {
  const pending: Pending[] = [];
  const sessions = {
    request<T>(request: MqttRequest<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        pending.push({
          request: request as MqttRequest<unknown>,
          answer(level, payload) {
            const message = {
              topic: request.replyFilters[0]!.replace('+', level),
              payload: Buffer.from(payload),
              isRetained: false,
            } as MqttMessage;
            try {
              const value = request.match(message);
              if (value !== undefined) resolve(value);
            } catch (error) {
              reject(error as Error);
            }
          },
          fail: reject,
        });
      });
    },
  };
  return { sessions: sessions as unknown as MqttSessionManager, pending };
}

function discovery(n: number, overrides: Record<string, unknown> = {}): TasmotaDiscovery {
  const mac = `A4CF12B3C4${n.toString(16).toUpperCase().padStart(2, '0')}`;
  const result = parseDiscoveryConfig(JSON.stringify(discoveryConfigFixture(mac, overrides)));
  if (!result.ok) throw result.error;
  return result.value;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

function probe(concurrency = 2) {
  const { sessions, pending } = fakeSessions();
  const found: [string, string | null][] = [];
  const failed: [string, string][] = [];
  const chips = new ChipProbe({
    sessions,
    brokerId: 'brk_1',
    concurrency,
    found: (mac, chip) => found.push([mac, chip]),
    failed: (mac, message) => failed.push([mac, message]),
  });
  return { chips, pending, found, failed };
}

describe('ChipProbe', () => {
  it('asks Status 2 on the device topic and maps StatusFWR.Hardware to a chip', async () => {
    const { chips, pending, found } = probe();
    chips.ask(discovery(1, { t: 'hall', ft: 'site/%prefix%/%topic%/' }));
    expect(pending[0]!.request).toMatchObject({
      topic: 'site/cmnd/hall/Status',
      payload: '2',
      replyFilters: ['site/stat/hall/+'],
    });
    // Another client's plain Status in between does not settle it (support_command.ino CmndStatus).
    pending[0]!.answer('STATUS', '{"Status":{"Module":1}}');
    pending[0]!.answer('STATUS2', '{"StatusFWR":{"Version":"14.4.0","Hardware":"ESP32-C3 v0.4"}}');
    await tick();
    expect(found).toEqual([['a4cf12b3c401', 'ESP32-C3']]);
  });

  it('keeps at most `concurrency` questions in flight and asks the rest as answers come', async () => {
    const { chips, pending, found } = probe(2);
    for (let n = 1; n <= 5; n += 1) chips.ask(discovery(n));
    expect(pending).toHaveLength(2);
    pending[0]!.answer('STATUS2', '{"StatusFWR":{"Hardware":"ESP8266EX"}}');
    await tick();
    expect(pending).toHaveLength(3);
    pending[1]!.fail(new DeviceError('timeout', 'no reply'));
    await tick();
    expect(pending).toHaveLength(4);
    expect(found).toEqual([['a4cf12b3c401', 'ESP8266']]);
  });

  it('reports a device that answers garbage or not at all, and one going offline before its turn is not asked', async () => {
    const { chips, pending, failed } = probe(1);
    chips.ask(discovery(1));
    chips.ask(discovery(2));
    chips.cancel('a4cf12b3c402');
    pending[0]!.answer('STATUS2', '{"StatusFWR":{"Hard');
    await tick();
    expect(failed).toEqual([['a4cf12b3c401', expect.stringMatching(/STATUS2 .* cut off or garbled/)]]);
    expect(pending).toHaveLength(1);
  });

  it('refuses a FullTopic whose free text would widen the subscription', async () => {
    const { chips, pending, failed } = probe();
    chips.ask(discovery(1, { ft: '%prefix%/%hostname%/', hn: 'a+b' }));
    await tick();
    expect(pending).toHaveLength(0);
    expect(failed[0]![1]).toMatch(/gives unusable topics/);
  });

  it('reports nothing after stop', async () => {
    const { chips, pending, found, failed } = probe();
    chips.ask(discovery(1));
    chips.stop();
    pending[0]!.answer('STATUS2', '{"StatusFWR":{"Hardware":"ESP8266EX"}}');
    await tick();
    chips.ask(discovery(2));
    expect([found, failed, pending.length]).toEqual([[], [], 1]);
  });
});
