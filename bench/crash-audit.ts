import { type ExecutionState, type ExecutionSummary } from '../shared/domain/job';
import { deviceIdFromMac } from '../electron/core/discovery/device-identity';
import type { FleetState } from './fleet-protocol';
import { TERMINAL_EXECUTION_STATES } from '../shared/domain/job-rules';

/** One device that breaks the crash-safety promise, and how. */
export interface AuditFinding {
  deviceId: string;
  problem: 'no-execution' | 'several-executions' | 'not-terminal' | 'success-not-on-target' | 'flashed-twice';
  detail: string;
}

export interface CrashAudit {
  /** Devices whose execution is missing, not terminal, or claims success while the device runs another version. */
  lost: number;
  /** Devices flashed more than once (a non-idempotent step repeated). */
  repeated: number;
  /** Devices with more than one execution in the job (each must end in exactly one terminal state). */
  duplicated: number;
  /** Terminal executions by state, for context (a failed device is not lost: its state is honest). */
  byState: Partial<Record<ExecutionState, number>>;
  findings: AuditFinding[];
}

const TERMINAL: ReadonlySet<ExecutionState> = new Set(TERMINAL_EXECUTION_STATES);

/**
 * Compares what the job says with what the simulated devices went through: every device of the fleet must have
 * exactly one execution, in a terminal state, that claims success only if the device runs `target`; and no
 * device may have been flashed twice.
 */
export function auditCrashRun(input: {
  executions: readonly ExecutionSummary[];
  fleet: readonly FleetState[];
  target: { version: string; fwId: string };
}): CrashAudit {
  const byDevice = new Map<string, ExecutionSummary[]>();
  for (const e of input.executions) byDevice.set(e.deviceId, [...(byDevice.get(e.deviceId) ?? []), e]);
  const findings: AuditFinding[] = [];
  const byState: CrashAudit['byState'] = {};
  for (const e of input.executions) byState[e.state] = (byState[e.state] ?? 0) + 1;
  for (const device of input.fleet) {
    const deviceId = deviceIdFromMac(device.mac);
    const found = (problem: AuditFinding['problem'], detail: string) =>
      findings.push({ deviceId, problem, detail });
    const executions = byDevice.get(deviceId) ?? [];
    const runs = `${device.ver} (${device.fwId}), flashed ${device.flashes}×`;
    if (device.flashes > 1) found('flashed-twice', runs);
    if (executions.length === 0) found('no-execution', runs);
    if (executions.length > 1) found('several-executions', executions.map((e) => e.state).join(', '));
    const last = executions.at(-1);
    if (!last) continue;
    if (!TERMINAL.has(last.state)) found('not-terminal', `${last.state}: ${last.message ?? ''}`);
    const isOnTarget = device.ver === input.target.version && device.fwId === input.target.fwId;
    if (last.state === 'succeeded' && !isOnTarget) found('success-not-on-target', runs);
  }
  const devicesWith = (...problems: AuditFinding['problem'][]) =>
    new Set(findings.filter((f) => problems.includes(f.problem)).map((f) => f.deviceId)).size;
  return {
    lost: devicesWith('no-execution', 'not-terminal', 'success-not-on-target'),
    repeated: devicesWith('flashed-twice'),
    duplicated: devicesWith('several-executions'),
    byState,
    findings,
  };
}
