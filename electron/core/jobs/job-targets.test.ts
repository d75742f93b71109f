import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import { DeviceError } from '../device-error';
import { DriverRegistry } from '../drivers/driver-registry';
import { FakeDriver } from '../../../test-support/drivers/fake/fake-driver';
import type { JobTarget } from './device-lookup';
import { resolveTarget, TargetBatch } from './job-targets';
import { ReadyQueue } from './ready-queue';

function readyQueue(ids: DeviceId[]): ReadyQueue {
  const queue = new ReadyQueue();
  for (const x of ids) queue.push(x);
  return queue;
}

const id = (n: number) => `mac:00000000000${n}` as DeviceId;
const target = (online = true): JobTarget => ({
  family: 'shelly',
  mac: null,
  model: 'SNSW-001P16EU',
  online,
  offlineReason: online ? null : 'timeout',
  endpoints: [{ transport: 'http', host: '192.0.2.1', port: 80 }],
});

describe('TargetBatch', () => {
  it('reads the asked device and the ones behind it in one lookup, then answers from that read', () => {
    const lookups: DeviceId[][] = [];
    const batch = new TargetBatch((ids) => {
      lookups.push([...ids]);
      return new Map(ids.filter((x) => x !== id(2)).map((x) => [x, target()]));
    }, 3);
    const queue = readyQueue([id(0), id(1), id(2), id(3), id(4)]);
    expect(batch.get(queue, 0)).toEqual(target());
    expect(batch.get(queue, 1)).toEqual(target());
    expect(batch.get(queue, 2)).toBeNull();
    expect(lookups).toEqual([[id(0), id(1), id(2)]]);
    batch.get(queue, 3);
    expect(lookups).toEqual([
      [id(0), id(1), id(2)],
      [id(3), id(4)],
    ]);
  });

  it('still reads one device when no slot is free', () => {
    const lookups: number[] = [];
    const batch = new TargetBatch((ids) => {
      lookups.push(ids.length);
      return new Map();
    }, 0);
    expect(batch.get(readyQueue([id(0), id(1)]), 0)).toBeNull();
    expect(lookups).toEqual([1]);
  });
});

describe('resolveTarget', () => {
  const drivers = new DriverRegistry([new FakeDriver('shelly')]);

  it('names the driver and the addresses, or why the device cannot start', () => {
    const ok = resolveTarget(id(1), target(), drivers);
    expect(ok).not.toBeInstanceOf(DeviceError);
    expect(ok).toMatchObject({ target: { id: id(1), family: 'shelly', endpoints: target().endpoints } });
    expect((resolveTarget(id(1), null, drivers) as DeviceError).reason).toBe('unknown-device');
    expect((resolveTarget(id(1), { ...target(), family: 'tasmota' }, drivers) as DeviceError).reason).toBe(
      'unsupported',
    );
    expect((resolveTarget(id(1), { ...target(), endpoints: [] }, drivers) as DeviceError).reason).toBe(
      'unreachable',
    );
  });
});
