import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type GroupHandlers = Pick<
  CommandHandlers,
  'groups.list' | 'groups.create' | 'groups.update' | 'groups.delete' | 'groups.restore'
>;

export function groupHandlers(s: HandlerServices): GroupHandlers {
  return {
    'groups.list': async () => s.groups.list(),
    'groups.create': async (input) => s.groups.create(input),
    'groups.update': async (input) => s.groups.update(input),
    'groups.delete': async ({ id }) => s.groups.delete(id),
    'groups.restore': async ({ undoId }) => s.groups.restore(undoId),
  };
}
