import type { DeviceDetail, DeviceSummary } from '../../../shared/domain/device';
import type { DeviceFilter } from '../../../shared/domain/device-filter';
import type { DiscoveryStatus } from '../../../shared/domain/discovery';
import type { Group } from '../../../shared/domain/group';
import type { DiscoverySettings } from '../../../shared/domain/settings';
import type { ExecutionSummary, JobSummary } from '../../../shared/domain/job';

export function device(n: number, overrides: Partial<DeviceSummary> = {}): DeviceSummary {
  const mac = `a8032a0000${String(n).padStart(2, '0')}`;
  return {
    id: `mac:${mac}` as DeviceSummary['id'],
    family: 'shelly',
    name: null,
    customName: null,
    model: 'SNSW-001P16EU',
    product: 'Plus1PM',
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

export function job(id: string, overrides: Partial<JobSummary> = {}): JobSummary {
  return {
    id: id as JobSummary['id'],
    name: 'Reboot 2 devices',
    state: 'running',
    steps: [{ action: 'reboot' }],
    concurrency: 2,
    total: 2,
    counts: { queued: 2, running: 0, succeeded: 0, failed: 0, canceled: 0, interrupted: 0 },
    createdAt: 100,
    finishedAt: null,
    ...overrides,
  };
}

export function execution(n: number, overrides: Partial<ExecutionSummary> = {}): ExecutionSummary {
  return {
    deviceId: device(n).id,
    deviceName: `Plus1PM 0000${String(n).padStart(2, '0')}`,
    state: 'queued',
    stepIndex: 0,
    reason: null,
    message: null,
    startedAt: null,
    finishedAt: null,
    updatedAt: 1,
    result: null,
    artifactId: null,
    progress: null,
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
