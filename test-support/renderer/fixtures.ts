import type { DeviceDetail, DeviceSummary } from '../../shared/domain/device';
import type { DeviceFilter } from '../../shared/domain/device-filter';
import type { DiscoveryStatus } from '../../shared/domain/discovery';
import type { Group } from '../../shared/domain/group';
import type { DiscoverySettings } from '../../shared/domain/settings';
import {
  ExecutionStateSchema,
  blankExecution,
  JobPolicySchema,
  type DevicePlan,
  type ExecutionCounts,
  type ExecutionSummary,
  type JobLogEntry,
  type JobPlan,
  type JobSummary,
} from '../../shared/domain/job';

export function device(n: number, overrides: Partial<DeviceSummary> = {}): DeviceSummary {
  const mac = `a8032a0000${String(n).padStart(2, '0')}`;
  return {
    id: `mac:${mac}` as DeviceSummary['id'],
    family: 'shelly',
    name: null,
    customName: null,
    model: 'SNSW-001P16EU',
    product: 'Plus1PM',
    chip: null,
    generation: 2,
    firmware: '1.4.2',
    firmwareSemver: '1.4.2',
    mac,
    address: `127.0.0.1:${8000 + n}`,
    online: true,
    offlineReason: null,
    firstSeenAt: 1,
    lastSeenAt: 2,
    sources: ['mdns'],
    tags: [],
    neverTouch: false,
    capabilities: ['reboot', 'firmware-update', 'config-change', 'collect', 'factory-reset', 'set-password'],
    ...overrides,
  };
}

/** Every execution state at 0, then the given ones. */
export function counts(given: Partial<ExecutionCounts> = {}): ExecutionCounts {
  const zero = Object.fromEntries(ExecutionStateSchema.options.map((s) => [s, 0])) as ExecutionCounts;
  return { ...zero, ...given };
}

export function job(id: string, overrides: Partial<JobSummary> = {}): JobSummary {
  return {
    id: id as JobSummary['id'],
    name: 'Reboot 2 devices',
    state: 'running',
    pauseReason: null,
    pauseMessage: null,
    steps: [{ action: 'reboot' }],
    policy: JobPolicySchema.parse({ concurrency: 2 }),
    concurrency: 2,
    total: 2,
    counts: counts({ queued: 2 }),
    waves: [{ index: 0, canary: false, size: 2, state: 'open' }],
    currentWave: 0,
    retryOf: null,
    createdAt: 100,
    startedAt: 100,
    finishedAt: null,
    ...overrides,
  };
}

export function execution(n: number, overrides: Partial<ExecutionSummary> = {}): ExecutionSummary {
  const name = `Plus1PM 0000${String(n).padStart(2, '0')}`;
  return { ...blankExecution(device(n).id, name, 0, 1), ...overrides };
}

/** Device n in a dry run: runnable with a reboot unless told otherwise. */
export function devicePlan(n: number, overrides: Partial<DevicePlan> = {}): DevicePlan {
  return {
    deviceId: device(n).id,
    deviceName: `Plus1PM 0000${String(n).padStart(2, '0')}`,
    family: 'shelly',
    model: 'SNSW-001P16EU',
    online: true,
    currentVersion: '1.4.2',
    targetVersion: null,
    steps: ['reboot'],
    wave: 0,
    skip: null,
    deferred: false,
    ...overrides,
  };
}

/** A dry run over these device plans, in one wave. */
export function plan(devices: DevicePlan[], overrides: Partial<JobPlan> = {}): JobPlan {
  const runnable = devices.filter((d) => d.skip === null).length;
  return {
    devices,
    runnable,
    skipped: devices.length - runnable,
    waves: [{ index: 0, canary: false, size: runnable }],
    destructive: false,
    firmwareServer: null,
    warnings: [],
    ...overrides,
  };
}

export function logEntry(seq: number, overrides: Partial<JobLogEntry> = {}): JobLogEntry {
  return {
    seq,
    at: 1_700_000_000_000 + seq * 1000,
    deviceId: device(1).id,
    event: 'transition',
    from: 'queued',
    to: 'running',
    detail: null,
    ...overrides,
  };
}

export function detail(n: number, overrides: Partial<DeviceDetail> = {}): DeviceDetail {
  const summary = device(n);
  return {
    device: summary,
    endpoints: [
      {
        source: 'mdns',
        endpoint: { transport: 'http', host: '127.0.0.1', port: 8000 + n },
        label: `127.0.0.1:${8000 + n}`,
        online: true,
        offlineReason: null,
        firstSeenAt: 1,
        lastSeenAt: 2,
      },
    ],
    raw: { id: `shellyplus1pm-${summary.mac}`, fw_id: '20240101-000000/1.4.2-gabc' },
    notes: '',
    sightings: [{ at: 1, source: 'mdns', event: 'seen', detail: `127.0.0.1:${8000 + n}` }],
    ...overrides,
  };
}

export function staticGroup(n: number, deviceIds: string[], name = `Static ${n}`): Group {
  return {
    kind: 'static',
    id: `grp_static${String(n).padStart(4, '0')}` as Group['id'],
    name,
    deviceIds: deviceIds as DeviceSummary['id'][],
    createdAt: 1,
    updatedAt: 1,
  };
}

export function smartGroup(n: number, filter: DeviceFilter, name = `Smart ${n}`): Group {
  return {
    kind: 'smart',
    id: `grp_smart000${String(n).padStart(4, '0')}` as Group['id'],
    name,
    filter,
    createdAt: 1,
    updatedAt: 1,
  };
}

export function discoveryStatus(overrides: Partial<DiscoveryStatus> = {}): DiscoveryStatus {
  return {
    sources: [
      { kind: 'mdns', state: 'running', deviceCount: 2, lastError: null },
      { kind: 'manual', state: 'running', deviceCount: 0, lastError: null },
    ],
    brokers: [],
    serialPorts: [],
    offeredBrokers: [],
    scans: [],
    ...overrides,
  };
}

export function discoverySettings(overrides: Partial<DiscoverySettings> = {}): DiscoverySettings {
  return {
    mdnsInterface: null,
    mdnsEnabled: true,
    fullTopicPatterns: [],
    serialAutoProbe: false,
    brokers: [],
    ...overrides,
  };
}
