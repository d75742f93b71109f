import { describe, expect, it } from 'vitest';
import { InventoryRevision } from './inventory-revision';

describe('InventoryRevision', () => {
  it('passes every event on and moves only on inventory and group changes', () => {
    const seen: string[] = [];
    const revision = new InventoryRevision({ emit: (name) => void seen.push(name) });
    revision.emit('discovery.statusChanged', { sources: [] } as never);
    expect(revision.value).toBe(0);
    revision.emit('devices.updated', { devices: [] });
    revision.emit('devices.removed', { ids: [] });
    revision.emit('groups.changed', { groups: [] });
    expect(revision.value).toBe(3);
    expect(seen).toEqual(['discovery.statusChanged', 'devices.updated', 'devices.removed', 'groups.changed']);
  });
});
