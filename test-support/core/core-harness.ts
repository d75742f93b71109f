import type { DeviceDriver } from '../../electron/core/drivers/device-driver';
import { DriverRegistry } from '../../electron/core/drivers/driver-registry';
import { ShellyDriver } from '../../electron/core/drivers/shelly/shelly-driver';
import { ShellyRpcClient } from '../../electron/core/drivers/shelly/shelly-rpc-client';
import { createRandomIdSource } from '../../electron/core/ids';
import { silentLogger } from '../../electron/core/logging/json-logger';
import type { Clock } from '../../electron/core/ports';
import { openDatabase, type Db } from '../../electron/core/storage/database';
import { DeviceRepository } from '../../electron/core/storage/repositories/device-repository';
import { HttpClient } from '../../electron/core/transport/http-client';
import { RecordingSink } from './recording-sink';

/** A :memory: inventory with real repositories and drivers, for integration tests of discovery pieces. */
export interface CoreHarness {
  db: Db;
  devices: DeviceRepository;
  drivers: DriverRegistry;
  events: RecordingSink;
  clock: Clock;
  ids: ReturnType<typeof createRandomIdSource>;
  close(): void;
}

export function realShellyDriver(): ShellyDriver {
  return new ShellyDriver({
    rpc: new ShellyRpcClient(new HttpClient({ timeoutMs: 2_000, maxBodyBytes: 1 << 20 })),
    clock: { now: () => Date.now() },
  });
}

export function createCoreHarness(drivers: readonly DeviceDriver[] = [realShellyDriver()]): CoreHarness {
  const db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => Date.now() });
  return {
    db,
    devices: new DeviceRepository(db),
    drivers: new DriverRegistry(drivers),
    events: new RecordingSink(),
    clock: { now: () => Date.now() },
    ids: createRandomIdSource(),
    close: () => db.close(),
  };
}
