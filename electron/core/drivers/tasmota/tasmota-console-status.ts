import type { SerialRequestOptions, SerialSession } from '../../transport/serial-session';
import type { TasmotaStatus } from './tasmota-protocol';
import { TasmotaLink } from './tasmota-link';
import { SerialChannel } from './tasmota-serial-channel';

/**
 * Types `Status0` on a Tasmota serial console and decodes the merged `STATUS0` line from the log output, as
 * every serial step does (tasmota-link.ts; PROTOCOLS.md §2.5; support_tasmota.ino SerialInput runs the
 * line, xdrv_02_9_mqtt.ino MqttPublishPayload logs it as `MQT:` when published, else `RSL:`). Section lines
 * count too, and a device that cuts the long line short is asked `Status 0` for one line per section.
 * Rejects with DeviceError('timeout') when nothing answered in time (no Tasmota there, wrong baud rate,
 * serial log off), TasmotaStatusIncomplete when only some sections came, DeviceError('bad-reply') when
 * unreadable. The session stays open.
 */
export async function requestStatus0(
  session: SerialSession,
  options: SerialRequestOptions,
): Promise<TasmotaStatus> {
  const channel = SerialChannel.borrow(session);
  try {
    const signal = options.signal ?? new AbortController().signal;
    return (await new TasmotaLink(channel, null, signal, options.timeoutMs).status0()).status;
  } finally {
    await channel.close();
  }
}
