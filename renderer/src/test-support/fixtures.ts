import type { DeviceSummary } from '../../../shared/domain/device';
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
    ...overrides,
  };
}
