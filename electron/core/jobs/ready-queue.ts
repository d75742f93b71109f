import type { DeviceId } from '../../../shared/domain/device';

/**
 * One wave's devices ready to start, in job order. Devices are taken almost always from the front, so the
 * front is a moving index rather than an array shift: taking 20,000 devices one by one from a plain array
 * moved every element behind each of them (quadratic, a tenth of the engine's time at that size).
 */
export class ReadyQueue {
  private items: DeviceId[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  /** The `index`-th device from the front. */
  at(index: number): DeviceId {
    return this.items[this.head + index]!;
  }

  push(id: DeviceId): void {
    this.items.push(id);
  }

  /** Devices `from` up to (not including) `to`, counted from the front. */
  slice(from: number, to: number): DeviceId[] {
    return this.items.slice(this.head + from, this.head + to);
  }

  removeAt(index: number): void {
    if (index === 0) this.head += 1;
    else this.items.splice(this.head + index, 1);
    // Drop the taken front once it is most of the array, so memory follows what is left.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  *[Symbol.iterator](): Generator<DeviceId> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i]!;
  }
}
