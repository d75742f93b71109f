import type { DeviceId } from '../../../shared/domain/device';
import type { MatchableDevice } from '../../../shared/domain/firmware-match';
import type { Clock, IdSource, Logger } from '../ports';
import type { Db } from '../storage/database';
import { FirmwareRepository } from '../storage/repositories/firmware-repository';
import { SettingsRepository } from '../storage/repositories/settings-repository';
import { FirmwareLibrary } from './firmware-library';
import { LibraryFirmwareProvider } from './firmware-provider';
import { FirmwareServer } from './firmware-server';
import type { InterfaceLister } from './interface-addresses';

export interface FirmwareModuleOptions {
  dataDir: string;
  db: Db;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** True while a running job lists the image (removal is refused then). */
  inUse: (sha256: string) => boolean;
  /** A device as the inventory stores it (chip, app, running version), for matching images at run time. */
  device: (id: DeviceId) => MatchableDevice | null;
  interfaces?: InterfaceLister;
}

export interface FirmwareModule {
  library: FirmwareLibrary;
  server: FirmwareServer;
  provider: LibraryFirmwareProvider;
  /** Starts the server (never throws: see `server.info().status.error`). */
  start(): Promise<void>;
  /** Stops the server (downloads in flight are logged as aborted) and drops unfinished uploads. */
  close(): Promise<void>;
}

/** Library, server and provider over one repository; the composition root calls this once. */
export function createFirmwareModule(options: FirmwareModuleOptions): FirmwareModule {
  const repo = new FirmwareRepository(options.db);
  const library = new FirmwareLibrary({
    dataDir: options.dataDir,
    repo,
    ids: options.ids,
    clock: options.clock,
    logger: options.logger,
    inUse: options.inUse,
  });
  const server = new FirmwareServer({
    pathOf: (sha) => library.pathOf(sha),
    repo,
    settings: new SettingsRepository(options.db),
    clock: options.clock,
    logger: options.logger,
    interfaces: options.interfaces,
  });
  const provider = new LibraryFirmwareProvider({
    library,
    server,
    device: options.device,
    logger: options.logger,
  });
  return {
    library,
    server,
    provider,
    start: () => server.start(),
    async close() {
      await server.close();
      await library.close();
    },
  };
}
