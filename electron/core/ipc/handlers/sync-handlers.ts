import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type SyncCommand =
  'sync.getStatus' | 'sync.syncNow' | 'sync.listTargets' | 'sync.saveTarget' | 'sync.removeTarget';

export function syncHandlers(s: HandlerServices): Pick<CommandHandlers, SyncCommand> {
  return {
    'sync.getStatus': async () => s.sync.status(),
    'sync.syncNow': async () => s.sync.syncNow(),
    'sync.listTargets': async () => s.sync.list(),
    'sync.saveTarget': async (input) => s.sync.save(input),
    'sync.removeTarget': async ({ id }) => ({ removed: await s.sync.remove(id) }),
  };
}
