import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type FirmwareCommand =
  | 'firmware.list'
  | 'firmware.beginUpload'
  | 'firmware.uploadChunk'
  | 'firmware.finishUpload'
  | 'firmware.update'
  | 'firmware.remove'
  | 'firmware.getServer'
  | 'firmware.updateServer'
  | 'firmware.selfCheck'
  | 'firmware.listDownloads';

export function firmwareHandlers(s: HandlerServices): Pick<CommandHandlers, FirmwareCommand> {
  return {
    'firmware.list': async () => s.firmwareLibrary.list(),
    'firmware.beginUpload': async (input) => s.firmwareLibrary.beginUpload(input),
    'firmware.uploadChunk': async (input) => s.firmwareLibrary.uploadChunk(input),
    'firmware.finishUpload': async (input) => s.firmwareLibrary.finishUpload(input),
    'firmware.update': async (input) => s.firmwareLibrary.update(input),
    'firmware.remove': async ({ sha256 }) => s.firmwareLibrary.remove(sha256),
    'firmware.getServer': async () => s.firmwareServer.info(),
    'firmware.updateServer': async (input) => s.firmwareServer.updateSettings(input),
    'firmware.selfCheck': async (input) => s.firmwareServer.selfCheck(input),
    'firmware.listDownloads': async (input) => s.firmwareServer.downloads(input),
  };
}
