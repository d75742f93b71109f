import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { AppInfo } from '../../shared/ipc/contract';
import { DiscoveryService } from './discovery/discovery-service';
import { LivenessMonitor } from './discovery/liveness-monitor';
import { CsvImporter } from './discovery/manual/csv-importer';
import { MdnsBrowser } from './discovery/mdns-browser';
import { ManualSource } from './discovery/sources/manual-source';
import { MdnsSource } from './discovery/sources/mdns-source';
import { MqttSource } from './discovery/sources/mqtt-source';
import { SerialSource } from './discovery/sources/serial-source';
import type { DiscoverySource } from './discovery/discovery-source';
import type { DeviceDriver, HttpEndpoint } from './drivers/device-driver';
import { DriverRegistry } from './drivers/driver-registry';
import { EsphomeDriver } from './drivers/esphome/esphome-driver';
import { ShellyDriver } from './drivers/shelly/shelly-driver';
import { ShellyRpcClient } from './drivers/shelly/shelly-rpc-client';
import { TasmotaDriver } from './drivers/tasmota/tasmota-driver';
import { GroupService } from './groups/group-service';
import { createRandomIdSource } from './ids';
import { DeviceRemovalRepository } from './storage/repositories/device-removal-repository';
import { InventoryService } from './inventory/inventory-service';
import { createCommandHandlers } from './ipc/command-handlers';
import type { Dispatch } from './ipc/command-dispatcher';
import { CoalescingEventSink, type Deliver } from './ipc/event-coalescer';
import { InventoryRevision } from './inventory/inventory-revision';
import { JobEngine } from './jobs/job-engine';
import { JobPlanner } from './jobs/job-planner';
import { TemplateService } from './templates/template-service';
import { TemplateRepository } from './storage/repositories/template-repository';
import { createStepServices, type FirmwareProvider } from './jobs/step-services';
import { createFirmwareModule } from './firmware/firmware-module';
import { FirmwareJobHooks } from './firmware/job-hooks';
import { JobEventStream } from './jobs/job-events';
import { subscribeJobRecords } from './job-records';
import { OperatorSession } from './audit/operator-session';
import { SyncSettingsService } from './sync/sync-settings-service';
import { buildSyncTarget } from './sync/sync-target-factory';
import { ArtifactStore } from './artifacts/artifact-store';
import { createBrokerModule } from './broker/broker-module';
import { createBundleModule } from './bundle/bundle-module';
import { createAudit } from './audit/audit-module';
import { CredentialService } from './credentials/credential-service';
import { ArtifactRepository } from './storage/repositories/artifact-repository';
import { CredentialRepository } from './storage/repositories/credential-repository';
import { systemClock, type Clock, type IdSource, type Logger } from './ports';
import { FileSecretStore } from './secrets/file-secret-store';
import { KeyFileCipher } from './secrets/key-file-cipher';
import type { SecretStore } from './secrets/secret-store';
import { DiscoverySettingsService } from './settings/discovery-settings-service';
import { openDatabase } from './storage/database';
import { DeviceRepository } from './storage/repositories/device-repository';
import { GroupRepository } from './storage/repositories/group-repository';
import { JobRepository } from './storage/repositories/job-repository';
import { SettingsRepository } from './storage/repositories/settings-repository';
import { HttpClient } from './transport/http-client';
import { MqttSessionManager } from './transport/mqtt-session';
import { SerialSessionRegistry } from './transport/serial-session-registry';

export interface AppCoreOptions {
  dataDir: string;
  host: AppInfo['host'];
  version: string;
  /** The host's raw event delivery (to windows or sockets); core coalesces before calling it. */
  deliver: Deliver;
  logger: Logger;
  clock?: Clock;
  ids?: IdSource;
  /** Where passwords go. Default: an AES-GCM file in the data directory with a 0600 key file. */
  secrets?: SecretStore;
  mdns: {
    enabled: boolean;
    /** IPv4 address of the NIC to browse on when the settings name none; all when absent. */
    interfaceAddress?: string;
    requireLoopbackOnly: boolean;
  };
  /** Check every handler output against the contract (dev and test). */
  validateOutputs: boolean;
  /** Replaces the real drivers (tests). */
  drivers?: readonly DeviceDriver[];
  /** Coalescing window for UI events. Default 150 ms. */
  eventIntervalMs?: number;
  /** Period of liveness checks of HTTP endpoints. Default 60 s. */
  livenessIntervalMs?: number;
  /** Lists USB serial ports (tests pass a mock). Default: the OS listing. */
  listSerialPorts?: () => Promise<unknown[]>;
  /** The session's operator from the start (headless `--operator`); absent: the renderer asks. */
  operator?: string;
}

export interface AppCore {
  dispatch: Dispatch;
  /** Starts discovery and applies the stored settings; interrupted jobs were recovered at creation. */
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
  const windows = new CoalescingEventSink(options.deliver, options.eventIntervalMs);
  const events = new InventoryRevision(windows);
  const secrets =
    options.secrets ??
    new FileSecretStore(
      join(options.dataDir, 'secrets.json'),
      new KeyFileCipher(join(options.dataDir, 'secrets.key')),
    );
  const http = new HttpClient({ timeoutMs: 5_000, maxBodyBytes: 1 << 20 });
  // One MQTT client per broker and one session per serial port, shared by discovery and the drivers.
  const mqttSessions = new MqttSessionManager({ logger });
  const serialSessions = new SerialSessionRegistry();
  const drivers = new DriverRegistry(
    options.drivers ?? [
      new ShellyDriver({ rpc: new ShellyRpcClient(http), clock }),
      new TasmotaDriver({ http, mqtt: mqttSessions, serial: serialSessions, clock }),
      new EsphomeDriver(),
    ],
  );
  const devices = new DeviceRepository(db, (family) => drivers.get(family)?.capabilities ?? []);
  const mdnsBrowser = new MdnsBrowser({
    interfaceAddress: options.mdns.interfaceAddress,
    requireLoopbackOnly: options.mdns.requireLoopbackOnly,
    logger,
  });
  const mdns = options.mdns.enabled
    ? new MdnsSource({
        browser: mdnsBrowser,
        serviceTypes: drivers.mdnsServiceTypes(),
        endpointOf: (service) => drivers.forService(service)?.endpointFor(service) ?? null,
      })
    : null;
  const manual = new ManualSource({
    drivers,
    ids,
    knownEndpoints: () =>
      devices
        .endpointsBySource('manual', 'http')
        .map((e) => e.endpoint)
        .filter((e): e is HttpEndpoint => e.transport === 'http'),
    checkIntervalMs: options.livenessIntervalMs,
  });
  const mqtt = new MqttSource({ sessions: mqttSessions, logger });
  const serial = new SerialSource({ sessions: serialSessions, logger, list: options.listSerialPorts });
  const sources: DiscoverySource[] = [...(mdns ? [mdns] : []), mqtt, serial, manual];
  const discovery = new DiscoveryService({ sources, drivers, devices, events, clock, logger });
  const liveness = new LivenessMonitor({
    devices,
    drivers,
    listener: () => discovery.sightingListener,
    logger,
    intervalMs: options.livenessIntervalMs,
  });
  const groups = new GroupService({ groups: new GroupRepository(db), devices, events, clock, ids });
  const inventory = new InventoryService({
    devices,
    removals: new DeviceRemovalRepository(db),
    events,
    clock,
    ids,
    onMembershipChanged: () => groups.changed(),
  });
  const settingsRepository = new SettingsRepository(db);
  const siteBroker = createBrokerModule({
    settings: settingsRepository,
    secrets,
    logger,
    mdns: options.mdns,
    setBrokers: (configs) => mqtt.setBrokers(configs),
  });
  const settings = new DiscoverySettingsService({
    settings: settingsRepository,
    secrets,
    ids,
    clock,
    interfaces: networkInterfaces,
  });
  const credentials = new CredentialService({ repo: new CredentialRepository(db), secrets, ids, clock });
  const artifacts = new ArtifactStore({
    dataDir: options.dataDir,
    repo: new ArtifactRepository(db),
    ids,
    clock,
    knownSecrets: () => credentials.knownSecrets(),
  });
  const firmwareModule = createFirmwareModule({
    dataDir: options.dataDir,
    db,
    clock,
    ids,
    logger,
    inUse: (sha256) => firmwareJobs.isImageInUse(sha256),
    device: (id) => devices.get(id),
  });
  const firmware: FirmwareProvider = firmwareModule.provider;
  const planner = new JobPlanner({
    devices: { list: () => devices.list(), identifyPayload: (id) => devices.identifyPayload(id) },
    groups,
    library: firmwareModule.library,
    credentials,
    firmwareServer: firmwareModule.server,
  });
  // Job subscribers join before the first commit (recovery included), so none misses an event.
  const jobStore = new JobRepository(db);
  const jobEvents = new JobEventStream(logger, jobStore.lastSeq());
  const firmwareJobs = new FirmwareJobHooks(
    (jobId) => firmwareModule.server.revokeJob(jobId),
    jobStore.unfinished(),
  );
  jobEvents.subscribe(firmwareJobs);
  const session = new OperatorSession({ settings: settingsRepository, operator: options.operator });
  const { history, sync, reports } = subscribeJobRecords(jobEvents, {
    ...{ db, clock, logger, groups, jobs: jobStore, dataDir: options.dataDir, version: options.version },
    job: (id) => jobs.get(id),
    firmwareOf: (id) => devices.get(id)?.firmware ?? null,
    recordedBy: () => ({ operator: session.operator(), host: session.host }),
  });
  const jobs = new JobEngine({
    services: createStepServices({ firmware, credentials, artifacts }),
    jobs: jobStore,
    stream: jobEvents,
    devices,
    drivers,
    settings: settingsRepository,
    resolveTargets: (spec) => planner.resolveTargets(spec),
    targetsRevision: () => events.value,
    limitFirmware: (jobId, kbps) => firmwareModule.server.limitJob(jobId, kbps),
    ...{ events, clock, ids, logger },
  });
  jobs.recoverAfterRestart();
  const info: AppInfo = { version: options.version, host: options.host, dataDir: options.dataDir };
  // Sync targets from the settings (secrets in the store) drive the worker; its status goes to the windows.
  const syncSettings = new SyncSettingsService({
    ...{ settings: settingsRepository, secrets, worker: sync.worker, ids, logger },
    forget: (id) => sync.outbox.dropCursor(id),
    build: (target, targetSecrets) => buildSyncTarget(target, targetSecrets, clock),
  });
  syncSettings.onStatus((status) => windows.emit('sync.statusChanged', status));
  const audit = createAudit({ db, clock, logger, session, sync });
  const bundles = createBundleModule({
    ...{ dataDir: options.dataDir, db, devices, secrets, ids, clock, logger, version: options.version },
    imagePath: (sha256) => firmwareModule.library.pathOf(sha256),
    imported: () => {
      events.emit('devices.updated', { devices: devices.list() });
      groups.changed();
    },
  });
  const dispatch = audit.createDispatcher(
    createCommandHandlers({
      ...{ info, inventory, groups, discovery, settings, manual },
      csv: new CsvImporter({ devices, drivers, events, clock }),
      serial,
      credentials,
      artifacts,
      jobs,
      planner,
      templates: new TemplateService({
        repo: new TemplateRepository(db),
        ids,
        clock,
        here: () => ({ groups: groups.list(), images: firmwareModule.library.list() }),
      }),
      firmwareLibrary: firmwareModule.library,
      ...history.services,
      firmwareServer: firmwareModule.server,
      broker: siteBroker.service,
      ...audit.services,
      sync: syncSettings,
      bundles,
      reports: reports.service({ reader: audit.services.auditReader, log: audit.services.audit }),
    }),
    { logger, validateOutputs: options.validateOutputs },
  );
  return {
    dispatch,
    async start() {
      await discovery.start();
      await settings.attach({
        mdns: async ({ enabled, interfaceAddress }) => {
          if (!mdns) return;
          if (!enabled) return mdns.stop();
          await mdns.setInterface(interfaceAddress ?? options.mdns.interfaceAddress);
          if (mdns.state().state === 'stopped') await mdns.start(discovery.sightingListener);
        },
        mqtt: async ({ brokers, fullTopicPatterns }) => {
          mqtt.setFullTopicPatterns(fullTopicPatterns);
          siteBroker.setSiteBrokers(brokers);
        },
        serial: ({ autoProbe }) => serial.setAutoProbe(autoProbe),
      });
      await siteBroker.service.restore();
      liveness.start();
      await firmwareModule.start();
      history.start();
      await syncSettings.apply();
    },
    async shutdown() {
      await liveness.stop();
      await discovery.stop();
      await siteBroker.service.shutdown();
      await mqttSessions.close();
      await serialSessions.closeAll();
      await mdnsBrowser.destroy();
      await jobs.shutdown();
      await sync.worker.stop();
      await firmwareModule.close();
      await bundles.close();
      windows.close();
      history.stop();
      db.close();
    },
  };
}
