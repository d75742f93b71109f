import { DeviceError } from '../../device-error';
import { otaEventsOf, type OtaEvent } from './shelly-notifications';
import type { ShellySession } from './shelly-session';

/** What the WebSocket told us about one update so far. */
export interface OtaWatch {
  /** The `ota_error` message, once the device reported one. */
  readonly error: string | null;
  close(): void;
}

/**
 * Follows an update over the device's WebSocket (§1.7): `ota_begin`, `ota_progress`, `ota_success`,
 * `ota_error` are passed to `onEvent`. Null when the WebSocket cannot be opened or authenticated: the caller
 * then polls, which verifies just as well but shows no percentage and sees an `ota_error` only as a missing
 * reboot. A cancel (the signal) still ends it.
 */
export async function watchOta(
  session: ShellySession,
  onEvent: (event: OtaEvent) => void,
): Promise<OtaWatch | null> {
  if (!session.settings.useWebSocket) return null;
  let ws;
  try {
    ws = await session.rpc.openWebSocket(session.endpoint, {
      signal: session.signal,
      timeoutMs: session.settings.pollTimeoutMs,
      credentials: session.credentials,
    });
  } catch (error) {
    if (session.signal.aborted || !(error instanceof DeviceError)) throw error;
    return null;
  }
  let otaError: string | null = null;
  ws.onNotification((notification) => {
    for (const event of otaEventsOf(notification)) {
      if (event.kind === 'error') otaError ??= event.message || 'no message';
      onEvent(event);
    }
  });
  return {
    get error() {
      return otaError;
    },
    close: () => ws.close(),
  };
}
