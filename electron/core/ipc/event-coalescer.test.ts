import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceId, DeviceSummary } from '../../../shared/domain/device';
import {
  blankExecution,
  type ExecutionSummary,
  type JobId,
  type JobSummary,
} from '../../../shared/domain/job';
import {
  decodeChanges,
  progressPayload,
  type ExecutionChange,
  type JobProgress,
} from '../../../shared/domain/job-progress';
import { CoalescingEventSink } from './event-coalescer';
import { emptyCounts } from '../../../shared/domain/job-rules';

const device = (id: string, firmware: string) => ({ id: id as DeviceId, firmware }) as DeviceSummary;
const job = (id: string, succeeded: number) =>
  ({ id: id as JobId, counts: { ...emptyCounts(), succeeded } }) as JobSummary;
const exec = (state: ExecutionSummary['state'], updatedAt: number): ExecutionChange => {
  const { deviceId: _id, deviceName: _name, ...change } = blankExecution('d' as DeviceId, 'd', 0, updatedAt);
  return { ...change, state };
};
const progress = (jobId: string, succeeded: number, seq: number, changes: [number, ExecutionChange][]) =>
  progressPayload(
    job(jobId, succeeded),
    seq,
    changes.map(([position, execution]) => ({ position, execution })),
  );
const changesOf = (payload: unknown) =>
  decodeChanges((payload as JobProgress).changes).sort((a, b) => a.position - b.position);

describe('CoalescingEventSink', () => {
  const delivered: { name: string; payload: unknown }[] = [];
  let sink: CoalescingEventSink;
  beforeEach(() => {
    vi.useFakeTimers();
    delivered.length = 0;
    sink = new CoalescingEventSink((name, payload) => delivered.push({ name, payload }), 100);
  });
  afterEach(() => vi.useRealTimers());

  it('delivers nothing before the tick, then one merged event per key', () => {
    sink.emit(
      'jobs.progressed',
      progress('job_a0000000', 1, 4, [
        [0, exec('running', 10)],
        [1, exec('running', 10)],
      ]),
    );
    sink.emit('jobs.progressed', progress('job_b0000000', 0, 5, [[0, exec('running', 11)]]));
    sink.emit('jobs.progressed', progress('job_a0000000', 2, 6, [[0, exec('succeeded', 12)]]));
    sink.emit('devices.updated', { devices: [device('mac:1', '1.0')] });
    sink.emit('devices.updated', { devices: [device('mac:2', '1.0'), device('mac:1', '1.1')] });
    expect(delivered).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(delivered).toHaveLength(3);
    expect(delivered[0]).toMatchObject({
      name: 'jobs.progressed',
      payload: { job: job('job_a0000000', 2), seq: 6 },
    });
    expect(changesOf(delivered[0]!.payload)).toEqual([
      { position: 0, change: exec('succeeded', 12) },
      { position: 1, change: exec('running', 10) },
    ]);
    expect(delivered[1]!.payload).toEqual(progress('job_b0000000', 0, 5, [[0, exec('running', 11)]]));
    expect(delivered[2]!.payload).toEqual({ devices: [device('mac:2', '1.0'), device('mac:1', '1.1')] });
  });

  it('keeps the newest change of a device even when an older one arrives later', () => {
    sink.emit('jobs.progressed', progress('job_a0000000', 1, 7, [[3, exec('succeeded', 20)]]));
    sink.emit(
      'jobs.progressed',
      progress('job_a0000000', 1, 7, [
        [3, exec('running', 19)],
        [4, exec('running', 19)],
      ]),
    );
    sink.flush();
    expect(delivered).toHaveLength(1);
    expect(changesOf(delivered[0]!.payload)).toEqual([
      { position: 3, change: exec('succeeded', 20) },
      { position: 4, change: exec('running', 19) },
    ]);
  });

  it('lets a removal cancel pending updates of the same device and an update cancel a pending removal', () => {
    sink.emit('devices.updated', { devices: [device('mac:1', '1.0'), device('mac:2', '1.0')] });
    sink.emit('devices.removed', { ids: [device('mac:1', '1.0').id, device('mac:3', '1.0').id] });
    sink.emit('devices.updated', { devices: [device('mac:3', '1.1')] });
    sink.flush();
    expect(delivered.map((d) => d.payload)).toEqual([
      { devices: [device('mac:2', '1.0'), device('mac:3', '1.1')] },
      { ids: [device('mac:1', '1.0').id] },
    ]);
  });

  it('flushes what is pending on close', () => {
    sink.emit('discovery.statusChanged', {
      sources: [],
      brokers: [],
      serialPorts: [],
      offeredBrokers: [],
      scans: [],
    });
    sink.close();
    expect(delivered).toHaveLength(1);
  });
});
