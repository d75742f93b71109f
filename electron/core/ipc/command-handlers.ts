import type { AppInfo, CommandHandlers } from '../../../shared/ipc/contract';
import type { DiscoveryService } from '../discovery/discovery-service';
import type { JobEngine } from '../jobs/job-engine';
import type { DeviceRepository } from '../storage/repositories/device-repository';

export interface HandlerServices {
  info: AppInfo;
  devices: DeviceRepository;
  discovery: DiscoveryService;
  jobs: JobEngine;
}

/** Thin adapters from parsed contract input to one core call each. Both hosts register this same map. */
export function createCommandHandlers(s: HandlerServices): CommandHandlers {
  return {
    'app.getInfo': async () => s.info,
    'devices.list': async () => s.devices.list(),
    'discovery.getStatus': async () => s.discovery.status(),
    'jobs.start': async (spec) => ({ jobId: s.jobs.start(spec) }),
    'jobs.list': async () => s.jobs.list(),
    'jobs.get': async ({ jobId }) => s.jobs.get(jobId),
    'jobs.cancel': async ({ jobId }) => ({ state: s.jobs.cancel(jobId) }),
  } satisfies CommandHandlers;
}
