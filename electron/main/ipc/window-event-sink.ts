import { BrowserWindow } from 'electron';
import type { EventName } from '../../../shared/ipc/channels';
import type { EventPayload } from '../../../shared/ipc/contract';

/** Delivers an (already coalesced) event to every live window, not just the last sender. */
export function deliverToWindows<K extends EventName>(name: K, payload: EventPayload<K>): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.webContents.send(name, payload);
  }
}
