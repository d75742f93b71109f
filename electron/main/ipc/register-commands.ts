import type { IpcMain } from 'electron';
import { COMMAND_NAMES } from '../../../shared/ipc/channels';
import { fail } from '../../../shared/ipc/result';
import type { Dispatch } from '../../core/ipc/command-dispatcher';

/**
 * One ipcMain.handle per contract command. The sender's frame must come from our origin; the rest
 * (input validation, Result envelope) is the dispatcher shared with the headless host.
 */
export function registerCommands(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  isAllowedSender: (url: string | undefined) => boolean,
): () => void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(name, async (event, input: unknown) => {
      if (!isAllowedSender(event.senderFrame?.url)) return fail('FORBIDDEN', 'IPC from an unexpected origin');
      return dispatch(name, input, { host: 'electron' });
    });
  }
  return () => COMMAND_NAMES.forEach((name) => ipcMain.removeHandler(name));
}
