import type { CommandHandlers } from '../../../../shared/ipc/contract';
import type { HandlerServices } from './services';

type InventoryHandlers = Pick<
  CommandHandlers,
  'devices.list' | 'devices.get' | 'devices.update' | 'devices.forget'
>;

export function inventoryHandlers(s: HandlerServices): InventoryHandlers {
  return {
    'devices.list': async () => s.inventory.list(),
    'devices.get': async ({ id }) => s.inventory.detail(id),
    'devices.update': async (edit) => s.inventory.update(edit),
    'devices.forget': async ({ ids }) => ({ forgotten: s.inventory.forget(ids) }),
  };
}
