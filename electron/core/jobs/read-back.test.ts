import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceId, Endpoint } from '../../../shared/domain/device';
import { compileFilter } from '../../../shared/domain/device-filter';
import type { DeviceDriver, IdentifiedDevice } from '../drivers/device-driver';
import { FakeDriver } from '../../../test-support/drivers/fake/fake-driver';
import { silentLogger } from '../logging/json-logger';
import { openDatabase, type Db } from '../storage/database';
import { JobRepository } from '../storage/repositories/job-repository';
import { DeviceRepository } from '../storage/repositories/device-repository';
import { RecordingSink } from '../../../test-support/core/recording-sink';
import type { JobEngine } from './job-engine';
import { engineOn, planAll, spec } from '../../../test-support/jobs/job-engine-test-kit';
import { waitUntil } from '../../../simulator/test-support/http-client';

const MAC = 'a8032a0000aa';
const ID = `mac:${MAC}` as DeviceId;
const AT: Endpoint = { transport: 'http', host: '127.0.0.1', port: 20_500 };
const identity = (over: Partial<IdentifiedDevice> = {}): IdentifiedDevice => ({
  id: ID,
  family: 'shelly',
  name: 'Boiler room',
  model: 'SNSW-001P16EU',
  product: 'Plus1PM',
  generation: 2,
  firmware: '1.4.2',
  mac: MAC,
  raw: { ver: '1.4.2' },
  ...over,
});

describe('what a verified step read back', () => {
  let db: Db;
  let devices: DeviceRepository;
  let sink: RecordingSink;
  let engine: JobEngine;
  let fake: FakeDriver;

  beforeEach(() => {
    db = openDatabase({ file: ':memory:', logger: silentLogger, now: () => 1 });
    devices = new DeviceRepository(db);
    sink = new RecordingSink();
    fake = new FakeDriver('shelly');
    engine = engineOn(db, { devices, driver: fake, events: sink });
  });
  afterEach(async () => {
    await engine.shutdown();
    db.close();
  });

  /** A device added by its address (no mDNS to announce it again after an update). */
  const addByAddress = () =>
    devices.recordSighting({ ...identity(), source: 'manual', endpoint: AT, at: 1_000 });

  const runFirmwareJob = async () => {
    const s = spec([ID], {}, [{ action: 'firmware-update', images: ['a'.repeat(64)] }]);
    const jobId = await engine.startPlanned({ spec: s, confirmDevices: 1 }, planAll(s));
    await engine.whenSettled(jobId);
    return jobId;
  };

  it('writes the version and name an address-added device reports after its update, and says so', async () => {
    addByAddress();
    fake.place(AT, identity({ firmware: '1.6.0', name: 'Boiler', chip: 'ESP32', raw: { ver: '1.6.0' } }));
    const below = compileFilter({ firmware: '<1.6.0' });
    expect(below(devices.get(ID)!)).toBe(true);
    const identify = vi.spyOn(fake, 'identify');

    await runFirmwareJob();

    // What the step's own verification read is written: no second identify after the step.
    expect(identify).not.toHaveBeenCalled();

    const device = devices.get(ID)!;
    expect(device).toMatchObject({ firmware: '1.6.0', name: 'Boiler', chip: 'ESP32', sources: ['manual'] });
    expect(below(device)).toBe(false);
    expect(devices.detail(ID)!.raw).toEqual({ ver: '1.6.0' });
    const updated = sink.of('devices.updated').flatMap((e) => e.devices);
    expect(updated.map((d) => d.firmware)).toEqual(['1.6.0']);
  });

  it('leaves the inventory and the event stream alone when the device says nothing new', async () => {
    addByAddress();
    fake.place(AT, identity());
    await runFirmwareJob();
    expect(devices.get(ID)!.firmware).toBe('1.4.2');
    expect(sink.of('devices.updated')).toEqual([]);
  });

  it('writes what a step in flight at a crash reports once it is verified on the device', async () => {
    addByAddress();
    fake.place(AT, identity({ firmware: '1.6.0' }));
    // The app dies while the device updates; afterwards the device runs the new version.
    const updating = Object.create(fake) as DeviceDriver;
    updating.runStep = (_step, _target, ctx) =>
      new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
    updating.readState = async () => ({ firmware: '1.6.0', uptimeSeconds: 0, raw: {} });
    // A restart: the jobs stay on the database the next engine opens.
    const jobs = new JobRepository(db);
    const before = engineOn(db, { devices, driver: updating, events: sink, jobs });
    const s = spec([ID], {}, [{ action: 'firmware-update', images: ['a'.repeat(64)] }]);
    const jobId = await before.startPlanned({ spec: s, confirmDevices: 1 }, planAll(s));
    await waitUntil(() => before.get(jobId).executions[0]!.state === 'running');
    await before.shutdown();

    const after = engineOn(db, { devices, driver: updating, events: sink, jobs });
    after.recoverAfterRestart();
    await waitUntil(() => after.get(jobId).job.state === 'completed', { timeoutMs: 10_000 });
    await after.shutdown();
    expect(after.get(jobId).executions[0]!.state).toBe('succeeded');
    expect(devices.get(ID)!.firmware).toBe('1.6.0');
  }, 15_000);

  it('keeps what it knew when the address answers as another device, or not at all', async () => {
    addByAddress();
    fake.place(AT, identity({ id: 'mac:a8032a0000bb' as DeviceId, firmware: '9.9.9' }));
    await runFirmwareJob();
    expect(devices.get(ID)!.firmware).toBe('1.4.2');
    fake.remove(AT);
    await runFirmwareJob();
    expect(devices.get(ID)!.firmware).toBe('1.4.2');
  });
});
