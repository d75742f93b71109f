import type { EventName } from '../../../shared/ipc/channels';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { EventSink } from '../ports';

/** Events that say the inventory or a group changed: every such change is announced with one of them. */
const INVENTORY_EVENTS: ReadonlySet<EventName> = new Set([
  'devices.updated',
  'devices.removed',
  'groups.changed',
]);

/**
 * Passes every event on and counts the inventory's announced changes, so a job that takes in new group
 * members re-reads the inventory only after something changed, not on every tick of a 20,000-device site.
 */
export class InventoryRevision implements EventSink {
  private count = 0;

  constructor(private readonly sink: EventSink) {}

  get value(): number {
    return this.count;
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    if (INVENTORY_EVENTS.has(name)) this.count += 1;
    this.sink.emit(name, payload);
  }
}
