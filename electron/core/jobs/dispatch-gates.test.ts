import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import { JobPolicySchema } from '../../../shared/domain/job';
import type { DeviceTarget } from '../drivers/device-driver';
import { DispatchGates, laneOf, restartsDevice } from './dispatch-gates';

const target = (endpoint: DeviceTarget['endpoints'][number]): DeviceTarget => ({
  id: 'mac:98cdac000001' as DeviceId,
  family: 'tasmota',
  mac: '98cdac000001',
  model: 'Sonoff Basic',
  endpoints: [endpoint],
});

describe('dispatch gates', () => {
  it('runs one device at a time per serial port, and per-transport limits only where set', () => {
    const gates = new DispatchGates(JobPolicySchema.parse({ transportConcurrency: { mqtt: 2 } }));
    const ttyA = laneOf(target({ transport: 'serial', path: '/dev/ttyUSB0', baudRate: 115_200 }));
    const ttyB = laneOf(target({ transport: 'serial', path: '/dev/ttyUSB1', baudRate: 115_200 }));
    expect(ttyA).not.toBe(ttyB);
    gates.enter(ttyA, 0);
    expect(gates.laneFull(ttyA)).toBe(true);
    expect(gates.laneFull(ttyB)).toBe(false);
    gates.leave(ttyA);
    expect(gates.laneFull(ttyA)).toBe(false);
    gates.enter('mqtt', 0);
    gates.enter('mqtt', 0);
    expect(gates.laneFull('mqtt')).toBe(true);
    for (let i = 0; i < 100; i++) gates.enter('http', 0);
    expect(gates.laneFull('http')).toBe(false);
  });

  it('spaces starts by the rate and restarts by the stagger', () => {
    const gates = new DispatchGates(JobPolicySchema.parse({ ratePerMinute: 120, rebootStaggerMs: 2_000 }));
    expect(gates.nextStartAt()).toBe(Number.NEGATIVE_INFINITY);
    gates.enter('http', 10_000);
    expect(gates.nextStartAt()).toBe(10_500);
    expect(gates.reserveRestart(0)).toBe(0);
    expect(gates.reserveRestart(0)).toBe(2_000);
    expect(gates.reserveRestart(500)).toBe(3_500);
    expect(restartsDevice({ action: 'reboot' })).toBe(true);
    expect(restartsDevice({ action: 'collect' })).toBe(false);
  });
});
