import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type InventoryHandlers = Pick<
  CommandHandlers,
  'devices.list' | 'devices.get' | 'devices.update' | 'devices.forget' | 'devices.restore'
>;

export function inventoryHandlers(s: HandlerServices): InventoryHandlers {
  return {
    'devices.list': async () => s.inventory.list(),
    'devices.get': async ({ id }) => s.inventory.detail(id),
    'devices.update': async (edit) => s.inventory.update(edit),
    'devices.forget': async ({ ids }) => s.inventory.forget(ids),
    'devices.restore': async ({ undoId }) => s.inventory.restore(undoId),
  };
}
