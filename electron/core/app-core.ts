import { join } from 'node:path';
import type { AppInfo } from '../../shared/ipc/contract';
import { DiscoveryService } from './discovery/discovery-service';
import { MdnsBrowser } from './discovery/mdns-browser';
import { MdnsSource } from './discovery/sources/mdns-source';
import type { DeviceDriver } from './drivers/device-driver';
import { DriverRegistry } from './drivers/driver-registry';
import { ShellyDriver } from './drivers/shelly/shelly-driver';
import { ShellyRpcClient } from './drivers/shelly/shelly-rpc-client';
import { createRandomIdSource } from './ids';
import { createCommandHandlers } from './ipc/command-handlers';
import { createDispatcher, type Dispatch } from './ipc/command-dispatcher';
import { CoalescingEventSink, type Deliver } from './ipc/event-coalescer';
import { JobEngine } from './jobs/job-engine';
import { systemClock, type Clock, type IdSource, type Logger } from './ports';
import { openDatabase } from './storage/database';
import { DeviceRepository } from './storage/repositories/device-repository';
import { JobRepository } from './storage/repositories/job-repository';
import { HttpClient } from './transport/http-client';

export interface AppCoreOptions {
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  /** The host's raw event delivery (to windows or sockets); core coalesces before calling it. */
  deliver: Deliver;
  logger: Logger;
  clock?: Clock;
  ids?: IdSource;
  mdns: {
    enabled: boolean;
    /** IPv4 address of the NIC to browse on; all when absent. */
    interfaceAddress?: string;
    requireLoopbackOnly: boolean;
  };
  /** Check every handler output against the contract (dev and test). */
  validateOutputs: boolean;
  /** Replaces the real drivers (tests). */
  drivers?: readonly DeviceDriver[];
  /** Coalescing window for UI events. Default 150 ms. */
  eventIntervalMs?: number;
}

export interface AppCore {
  dispatch: Dispatch;
  /** Starts discovery; recovery of interrupted jobs already ran when the core was created. */
  start(): Promise<void>;
  /** Stops discovery and jobs (steps in flight are recorded as interrupted) and closes the database. */
  shutdown(): Promise<void>;
}

/** Builds every core service once. Both hosts (Electron main and headless) call this and nothing else. */
export function createAppCore(options: AppCoreOptions): AppCore {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? createRandomIdSource(() => clock.now());
  const db = openDatabase({ file: join(options.dataDir, 'fieldbatch.db'), logger, now: () => clock.now() });
  const events = new CoalescingEventSink(options.deliver, options.eventIntervalMs);
  const devices = new DeviceRepository(db);
  const jobsRepo = new JobRepository(db);
  const http = new HttpClient({ timeoutMs: 5_000, maxBodyBytes: 1 << 20 });
  const drivers = new DriverRegistry(
    options.drivers ?? [new ShellyDriver({ rpc: new ShellyRpcClient(http), clock })],
  );
  const mdns = new MdnsBrowser({
    interfaceAddress: options.mdns.interfaceAddress,
    requireLoopbackOnly: options.mdns.requireLoopbackOnly,
    logger,
  });
  const sources = options.mdns.enabled
    ? [new MdnsSource({ browser: mdns, serviceTypes: drivers.mdnsServiceTypes() })]
    : [];
  const discovery = new DiscoveryService({ sources, drivers, devices, events, clock, logger });
  const jobs = new JobEngine({ jobs: jobsRepo, devices, drivers, events, clock, ids, logger });
  jobs.recoverAfterRestart();
  const info: AppInfo = { version: options.version, host: options.host, dataDir: options.dataDir };
  const dispatch = createDispatcher(createCommandHandlers({ info, devices, discovery, jobs }), {
    logger,
    validateOutputs: options.validateOutputs,
  });
  return {
    dispatch,
    start: () => discovery.start(),
    async shutdown() {
      await discovery.stop();
      await mdns.destroy();
      await jobs.shutdown();
      events.close();
      db.close();
    },
  };
}
