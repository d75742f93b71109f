import type { DeviceMap } from '../stores/devices-store';
import type { DevicePredicate } from '../../../shared/domain/device-filter';
import type { Group } from '../../../shared/domain/group';
import { predicateFor } from './device-predicate';

const predicates = new WeakMap<Group, DevicePredicate>();

/** Membership as a predicate: a static group's list, or a smart group's filter (the inventory's filter model). */
export function groupPredicate(group: Group): DevicePredicate {
  let predicate = predicates.get(group);
  if (!predicate) {
    if (group.kind === 'static') {
      const members = new Set<string>(group.deviceIds);
      predicate = (d) => members.has(d.id);
    } else {
      predicate = predicateFor(group.filter);
    }
    predicates.set(group, predicate);
  }
  return predicate;
}

const counts = new WeakMap<Group, { byId: DeviceMap; count: number }>();

/** Members that are in the inventory now; recomputed only when the group or the inventory changed. */
export function groupMemberCount(group: Group, byId: DeviceMap): number {
  const hit = counts.get(group);
  if (hit && hit.byId === byId) return hit.count;
  let count = 0;
  if (group.kind === 'static') {
    for (const id of group.deviceIds) if (byId.has(id)) count++;
  } else {
    const matches = groupPredicate(group);
    for (const d of byId.values()) if (matches(d)) count++;
  }
  counts.set(group, { byId, count });
  return count;
}

/** How many devices a filter predicate matches. */
export function countMatching(predicate: DevicePredicate, byId: DeviceMap): number {
  let count = 0;
  for (const d of byId.values()) if (predicate(d)) count++;
  return count;
}
