import type { DeviceDriver } from '../drivers/device-driver';
import { DriverRegistry } from '../drivers/driver-registry';
import { ShellyDriver } from '../drivers/shelly/shelly-driver';
import { ShellyRpcClient } from '../drivers/shelly/shelly-rpc-client';
import { createRandomIdSource } from '../ids';
import { silentLogger } from '../logging/json-logger';
import type { Clock } from '../ports';
import { openDatabase, type Db } from '../storage/database';
import { DeviceRepository } from '../storage/repositories/device-repository';
import { HttpClient } from '../transport/http-client';
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
