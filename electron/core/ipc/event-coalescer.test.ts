import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceId, DeviceSummary } from '../../../shared/domain/device';
import type { ExecutionSummary, JobId, JobSummary } from '../../../shared/domain/job';
import { emptyCounts } from '../storage/repositories/job-repository';
import { CoalescingEventSink } from './event-coalescer';

const device = (id: string, firmware: string) => ({ id: id as DeviceId, firmware }) as DeviceSummary;
const job = (id: string, succeeded: number) =>
  ({ id: id as JobId, counts: { ...emptyCounts(), succeeded } }) as JobSummary;
const exec = (deviceId: string, state: ExecutionSummary['state']) =>
  ({ deviceId: deviceId as DeviceId, state }) as ExecutionSummary;

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
    sink.emit('jobs.progressed', {
      job: job('job_a0000000', 1),
      executions: [exec('d1', 'running'), exec('d2', 'running')],
    });
    sink.emit('jobs.progressed', { job: job('job_b0000000', 0), executions: [exec('d9', 'running')] });
    sink.emit('jobs.progressed', { job: job('job_a0000000', 2), executions: [exec('d1', 'succeeded')] });
    sink.emit('devices.updated', { devices: [device('mac:1', '1.0')] });
    sink.emit('devices.updated', { devices: [device('mac:2', '1.0'), device('mac:1', '1.1')] });
    expect(delivered).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(delivered).toHaveLength(3);
    expect(delivered[0]).toEqual({
      name: 'jobs.progressed',
      payload: { job: job('job_a0000000', 2), executions: [exec('d2', 'running'), exec('d1', 'succeeded')] },
    });
    expect(delivered[1]!.payload).toEqual({
      job: job('job_b0000000', 0),
      executions: [exec('d9', 'running')],
    });
    expect(delivered[2]!.payload).toEqual({ devices: [device('mac:2', '1.0'), device('mac:1', '1.1')] });
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
