import type { SerialRequestOptions, SerialSession } from '../../transport/serial-session';
import { consoleCommandResult } from './tasmota-console';
import { parseStatus0, type TasmotaStatus } from './tasmota-protocol';

/**
 * Types `Status 0` on a Tasmota serial console and decodes the `STATUS0` result from the log output
 * (PROTOCOLS.md §2.5). Rejects with DeviceError('timeout') when nothing answered in time (no Tasmota
 * there, wrong baud rate, serial log off) and DeviceError('bad-reply') when the result is unreadable.
 */
export function requestStatus0(
  session: SerialSession,
  options: SerialRequestOptions,
): Promise<TasmotaStatus> {
  return session.request(
    'Status 0',
    (line) => {
      const result = consoleCommandResult(line, 'STATUS0');
      if (result === undefined) return undefined;
      const status = result.ok ? parseStatus0(result.value) : result;
      if (!status.ok) throw status.error;
      return status.value;
    },
    options,
  );
}
