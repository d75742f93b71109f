import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../shared/domain/device';
import type { ExecutionState, ExecutionSummary } from '../shared/domain/job';
import { auditCrashRun } from './crash-audit';
import type { FleetState } from './fleet-protocol';

const TARGET = { version: '1.7.0', fwId: '20261127-000000/1.7.0-gbench' };

const device = (i: number, change: Partial<FleetState> = {}): FleetState => ({
  id: `shellyplus1pm-${i}`,
  mac: `A8032A0000${String(i).padStart(2, '0')}`,
  ver: TARGET.version,
  fwId: TARGET.fwId,
  flashes: 1,
  reboots: 1,
  rollbacks: 0,
  otaFailures: 0,
  ...change,
});

const execution = (i: number, state: ExecutionState): ExecutionSummary => ({
  deviceId: `mac:a8032a0000${String(i).padStart(2, '0')}` as DeviceId,
  deviceName: `Device ${i}`,
  state,
  wave: 0,
  stepIndex: 0,
  attempt: 1,
  held: false,
  reason: null,
  skipReason: null,
  message: null,
  notBefore: null,
  startedAt: 1,
  finishedAt: 2,
  updatedAt: 2,
  result: null,
  artifactId: null,
  progress: null,
});

describe('auditCrashRun', () => {
  it('finds nothing wrong when every device succeeded once and runs the target', () => {
    const audit = auditCrashRun({
      executions: [execution(1, 'succeeded'), execution(2, 'succeeded')],
      fleet: [device(1), device(2)],
      target: TARGET,
    });
    expect(audit).toMatchObject({ lost: 0, repeated: 0, duplicated: 0, byState: { succeeded: 2 } });
    expect(audit.findings).toEqual([]);
  });

  it.each([
    ['missing', [], device(1)],
    ['not terminal', [execution(1, 'unknown')], device(1)],
    ['claiming success on the old firmware', [execution(1, 'succeeded')], device(1, { ver: '1.4.4' })],
    ['claiming success on another build', [execution(1, 'succeeded')], device(1, { fwId: 'other' })],
  ])('counts an execution %s as lost', (_name, executions, fleetDevice) => {
    expect(auditCrashRun({ executions, fleet: [fleetDevice], target: TARGET }).lost).toBe(1);
  });

  it('does not count an honest failure as lost', () => {
    const audit = auditCrashRun({
      executions: [execution(1, 'failed')],
      fleet: [device(1, { ver: '1.4.4', flashes: 0 })],
      target: TARGET,
    });
    expect(audit).toMatchObject({ lost: 0, repeated: 0, byState: { failed: 1 } });
  });

  it('counts a device flashed twice as repeated and one with two executions as duplicated', () => {
    const audit = auditCrashRun({
      executions: [execution(1, 'succeeded'), execution(2, 'failed'), execution(2, 'succeeded')],
      fleet: [device(1, { flashes: 2 }), device(2)],
      target: TARGET,
    });
    expect(audit).toMatchObject({ lost: 0, repeated: 1, duplicated: 1 });
    expect(audit.findings.map((f) => f.problem).sort()).toEqual(['flashed-twice', 'several-executions']);
  });
});
