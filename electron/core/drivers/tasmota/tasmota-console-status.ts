import type { SerialRequestOptions, SerialSession } from '../../transport/serial-session';
import { commandLine, type TasmotaCommand } from './tasmota-channel';
import { parseConsoleLine } from './tasmota-console';
import { parseStatus0, type TasmotaStatus } from './tasmota-protocol';
import type { Json } from './tasmota-reply';
import { consoleResult } from './tasmota-serial-channel';
import {
  collectStatus,
  statusSectionsWanted,
  TasmotaLineCut,
  type StatusSectionsWanted,
} from './tasmota-status-sections';

/** One merged `STATUS0` line (`MQT: stat/<topic>/STATUS0 = {…}` or `RSL: STATUS0 = {…}`). */
const MERGED: TasmotaCommand = { name: 'Status0', value: '' };
/** One line per section: shorter lines for a device whose log buffer cuts the merged one. */
const PER_SECTION: TasmotaCommand = { name: 'Status', value: '0' };

function readStatus(
  session: SerialSession,
  command: TasmotaCommand,
  options: SerialRequestOptions,
): Promise<Json> {
  const wanted = statusSectionsWanted(command) as StatusSectionsWanted;
  return collectStatus(command, wanted, (collector) =>
    session.request(
      commandLine(command),
      (line) => {
        const result = consoleResult(parseConsoleLine(line));
        return result === null ? undefined : collector.accept(result);
      },
      options,
    ),
  );
}

/**
 * Types `Status0` on a Tasmota serial console and decodes the merged `STATUS0` line from the log output
 * (PROTOCOLS.md §2.5; support_tasmota.ino SerialInput runs the line, xdrv_02_9_mqtt.ino MqttPublishPayload
 * logs it as `MQT:` when published, else `RSL:`). Section lines (a `Status 0` typed by someone else) count
 * too. When the device cuts the long line short, the sections are asked for one line each. Rejects with
 * DeviceError('timeout') when nothing answered in time (no Tasmota there, wrong baud rate, serial log
 * off), TasmotaStatusIncomplete when only some sections came, DeviceError('bad-reply') when unreadable.
 */
export async function requestStatus0(
  session: SerialSession,
  options: SerialRequestOptions,
): Promise<TasmotaStatus> {
  let json: Json;
  try {
    json = await readStatus(session, MERGED, options);
  } catch (error) {
    if (!(error instanceof TasmotaLineCut)) throw error;
    json = await readStatus(session, PER_SECTION, options);
  }
  const status = parseStatus0(json);
  if (!status.ok) throw status.error;
  return status.value;
}
