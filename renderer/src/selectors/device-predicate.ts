import { compileFilter, type DeviceFilter, type DevicePredicate } from '../../../shared/domain/device-filter';

const compiled = new WeakMap<DeviceFilter, DevicePredicate>();

/** One compiled predicate per filter object, shared by the inventory view and the group counts. */
export function predicateFor(filter: DeviceFilter): DevicePredicate {
  let predicate = compiled.get(filter);
  if (!predicate) {
    predicate = compileFilter(filter);
    compiled.set(filter, predicate);
  }
  return predicate;
}
