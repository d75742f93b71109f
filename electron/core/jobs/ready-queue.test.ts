import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import { ReadyQueue } from './ready-queue';

const id = (n: number) => `mac:${String(n).padStart(12, '0')}` as DeviceId;

describe('ReadyQueue', () => {
  it('keeps job order through takes from the front and the middle, and across compaction', () => {
    const queue = new ReadyQueue();
    const model: DeviceId[] = [];
    for (let n = 0; n < 5_000; n++) {
      queue.push(id(n));
      model.push(id(n));
    }
    // Mostly from the front (as the scheduler takes), now and then from the middle (a lane was full).
    for (let step = 0; step < 4_000; step++) {
      const index = step % 7 === 0 ? Math.min(3, model.length - 1) : 0;
      queue.removeAt(index);
      model.splice(index, 1);
      if (step % 500 === 0) {
        queue.push(id(10_000 + step));
        model.push(id(10_000 + step));
      }
    }
    expect(queue.length).toBe(model.length);
    expect([...queue]).toEqual(model);
    expect(queue.at(0)).toBe(model[0]);
    expect(queue.slice(1, 4)).toEqual(model.slice(1, 4));
  });
});
