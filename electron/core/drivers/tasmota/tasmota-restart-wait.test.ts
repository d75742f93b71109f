import { describe, expect, it } from 'vitest';
import { DeviceError } from '../../device-error';
import { bootMarks } from './tasmota-boot-marks';
import type { TasmotaChannel, TasmotaCommand, TasmotaEvent } from './tasmota-channel';
import {
  status0Fixture,
  statusSectionFixtures,
} from '../../../../test-support/drivers/tasmota/tasmota-fixtures';
import { TasmotaLink } from './tasmota-link';
import type { ReplyCollector } from './tasmota-reply';
import { waitForRestart } from './tasmota-restart-wait';

type Reading = Record<string, unknown> | 'silent';

/**
 * An MQTT-like channel: every status query is answered with the next reading as the firmware would send
 * it, or not at all ('silent', a device still booting); `emit` plays LWT events.
 */
class ScriptedChannel implements TasmotaChannel {
  readonly transport = 'mqtt' as const;
  readonly label = 'MQTT tasmota_B3C4D5 @ brk_1';
  readonly lost = null;
  readonly sent: string[] = [];
  private listener: ((event: TasmotaEvent) => void) | null = null;

  constructor(private readonly readings: Reading[]) {}

  exchange<T>(command: TasmotaCommand, collector: ReplyCollector<T>): Promise<T> {
    this.sent.push(command.name);
    const reading = this.readings.length > 1 ? this.readings.shift()! : this.readings[0]!;
    if (reading === 'silent') return Promise.reject(new DeviceError('timeout', 'no reply'));
    // support_command.ino CmndStatusResponse: Status0 is one merged STATUS0, Status 0 a message per section.
    const messages: [string, unknown][] =
      command.name === 'Status0' ? [['STATUS0', reading]] : statusSectionFixtures(reading);
    for (const [level, json] of messages) {
      const value = collector.accept({ level, payload: JSON.stringify(json) });
      if (value !== undefined) return Promise.resolve(value);
    }
    return Promise.reject(new DeviceError('timeout', 'no reply'));
  }

  watch(listener: (event: TasmotaEvent) => void): () => void {
    this.listener = listener;
    return () => (this.listener = null);
  }

  emit(event: TasmotaEvent): void {
    this.listener?.(event);
  }

  retarget(): void {}
  async close(): Promise<void> {}
}

const MAC = 'A4:CF:12:B3:C4:D5';
const boot = (bootCount: number | undefined, uptimeSec: number) => {
  const status = status0Fixture(MAC);
  const prm = { ...(status.StatusPRM as object), BootCount: bootCount, Uptime: undefined };
  const sts = { ...(status.StatusSTS as object), UptimeSec: uptimeSec };
  return { ...status, StatusPRM: prm, StatusSTS: sts };
};

function wait(channel: ScriptedChannel, before: Record<string, unknown>, timeoutMs = 2_000) {
  const link = new TasmotaLink(channel, MAC, new AbortController().signal, 200);
  return waitForRestart({
    link,
    clock: { now: () => Date.now() },
    before: bootMarks(before),
    beforeAt: Date.now(),
    timeoutMs,
    pollIntervalMs: 10,
    pollTimeoutMs: 200,
    signal: new AbortController().signal,
    what: 'Restart 1',
  });
}

describe('waitForRestart', () => {
  it('sees a restart from BootCount alone: no INFO1-3 needed (they come only after boot, never on a reconnect)', async () => {
    const before = boot(7, 3_600);
    const channel = new ScriptedChannel(['silent', 'silent', boot(8, 4)]);
    const seen = await wait(channel, before);
    expect(seen.after.marks.bootCount).toBe(8);
    expect(seen.info1Version).toBeNull();
    // Every poll asks Status0: one merged message.
    expect(new Set(channel.sent)).toEqual(new Set(['Status0']));
  });

  it('sees a restart from the uptime drop when there is no BootCount', async () => {
    const channel = new ScriptedChannel([boot(undefined, 3_601), boot(undefined, 2)]);
    const seen = await wait(channel, boot(undefined, 3_600));
    expect(seen.after.marks.uptimeSeconds).toBe(2);
  });

  it('wakes on LWT Offline then Online and does not take a reconnect without a new boot for a restart', async () => {
    const before = boot(7, 3_600);
    const channel = new ScriptedChannel([boot(7, 3_600)]);
    const waiting = wait(channel, before, 300);
    channel.emit({ kind: 'offline' });
    channel.emit({ kind: 'online' });
    const error = await waiting.catch((e: unknown) => e as DeviceError);
    expect(error).toBeInstanceOf(DeviceError);
    expect(error).toMatchObject({ reason: 'not-verified' });
    expect((error as Error).message).toMatch(/still runs the boot from before \(BootCount 7/);
  });
});
