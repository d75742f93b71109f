import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildEspImage, buildShellyFirmwareZip, type EspChip } from '../../../simulator';
import type { DeviceFamily, DeviceId } from '../../../shared/domain/device';
import { JobSpecSchema, type JobSpec, type JobSpecInput, type JobStep } from '../../../shared/domain/job';
import { CredentialService } from '../credentials/credential-service';
import { DriverRegistry } from '../drivers/driver-registry';
import { EsphomeDriver } from '../drivers/esphome/esphome-driver';
import { TasmotaDriver } from '../drivers/tasmota/tasmota-driver';
import { createFirmwareModule, type FirmwareModule } from '../firmware/firmware-module';
import { GroupService } from '../groups/group-service';
import { createRandomIdSource } from '../ids';
import { silentLogger } from '../logging/json-logger';
import { FileSecretStore } from '../secrets/file-secret-store';
import { KeyFileCipher } from '../secrets/key-file-cipher';
import { openDatabase, type Db } from '../storage/database';
import { CredentialRepository } from '../storage/repositories/credential-repository';
import { DeviceRepository } from '../storage/repositories/device-repository';
import { GroupRepository } from '../storage/repositories/group-repository';
import { realShellyDriver } from '../../../test-support/core/core-harness';
import { RecordingSink } from '../../../test-support/core/recording-sink';
import { makeTempDir } from '../../../test-support/core/temp-dir';
import { HttpClient } from '../transport/http-client';
import { MqttSessionManager } from '../transport/mqtt-session';
import { SerialSessionRegistry } from '../transport/serial-session-registry';
import { JobPlanner } from './job-planner';

/** The services the planner reads, built the way app-core builds them, on a temp data dir. */
interface World {
  db: Db;
  devices: DeviceRepository;
  groups: GroupService;
  credentials: CredentialService;
  firmware: FirmwareModule;
  mqtt: MqttSessionManager;
  planner: JobPlanner;
  cleanup(): void;
}

async function buildWorld(): Promise<World> {
  const dir = makeTempDir('fieldbatch-planner-');
  const clock = { now: () => Date.now() };
  const ids = createRandomIdSource();
  const db = openDatabase({ file: join(dir.path, 'fieldbatch.db'), logger: silentLogger, now: clock.now });
  const mqtt = new MqttSessionManager({ logger: silentLogger });
  const drivers = new DriverRegistry([
    realShellyDriver(),
    new TasmotaDriver({
      http: new HttpClient({ timeoutMs: 2_000, maxBodyBytes: 1 << 20 }),
      mqtt,
      serial: new SerialSessionRegistry(),
      clock,
    }),
    new EsphomeDriver(),
  ]);
  const devices = new DeviceRepository(db, (family) => drivers.get(family)?.capabilities ?? []);
  const deviceRaw = (id: DeviceId) => devices.detail(id)?.raw ?? null;
  const groups = new GroupService({
    groups: new GroupRepository(db),
    devices,
    events: new RecordingSink(),
    clock,
    ids,
  });
  const secrets = new FileSecretStore(
    join(dir.path, 'secrets.json'),
    new KeyFileCipher(join(dir.path, 'secrets.key')),
  );
  const credentials = new CredentialService({ repo: new CredentialRepository(db), secrets, ids, clock });
  const firmware = createFirmwareModule({
    dataDir: dir.path,
    db,
    clock,
    ids,
    logger: silentLogger,
    inUse: () => false,
    device: (id) => devices.get(id),
  });
  await firmware.server.updateSettings({ interface: 'lo' });
  await firmware.start();
  const planner = new JobPlanner({
    devices: { list: () => devices.list(), identifyPayload: deviceRaw },
    groups,
    library: firmware.library,
    credentials,
    firmwareServer: firmware.server,
  });
  return { db, devices, groups, credentials, firmware, mqtt, planner, cleanup: dir.cleanup };
}

const FW_ID = '20250901-101010/1.6.0-gfeed123';

let seq = 0;
function addDevice(
  world: World,
  name: string,
  d: {
    family: DeviceFamily;
    model: string;
    firmware: string;
    product?: string;
    chip?: string;
    raw?: unknown;
    online?: boolean;
  },
): DeviceId {
  const mac = (0xc0ffee000000 + ++seq).toString(16);
  const id = `mac:${mac}` as DeviceId;
  world.devices.recordSighting({
    id,
    family: d.family,
    name,
    model: d.model,
    product: d.product ?? null,
    generation: null,
    firmware: d.firmware,
    mac,
    chip: d.chip ?? null,
    raw: d.raw ?? { mac },
    source: 'manual',
    endpoint: { transport: 'http', host: '127.0.0.1', port: 20_000 + seq },
    at: 1_000,
    online: d.online ?? true,
  });
  return id;
}

async function importImage(
  world: World,
  fileName: string,
  image: Buffer,
  meta: { version?: string } = {},
): Promise<string> {
  const { library } = world.firmware;
  const { uploadId } = await library.beginUpload({ fileName, size: image.length });
  await library.uploadChunk({ uploadId, offset: 0, dataBase64: image.toString('base64') });
  return (await library.finishUpload({ uploadId, ...meta })).image.sha256;
}

const importShellyZip = (world: World) =>
  importImage(
    world,
    'Plus1PM-1.6.0.zip',
    buildShellyFirmwareZip({ app: 'Plus1PM', version: '1.6.0', buildId: FW_ID }),
  );
const importEspImage = (world: World, chip: EspChip) =>
  // An ESP8266 image carries no app description: its version is typed, as a technician would.
  importImage(world, `tasmota-${chip}.bin`, buildEspImage({ chip, version: '14.2.0' }), {
    version: '14.2.0',
  });

const spec = (
  targets: JobSpecInput['targets'],
  steps: JobStep[],
  policy: JobSpecInput['policy'] = {},
): JobSpec => JobSpecSchema.parse({ version: 1, name: 'Firmware 1.6', targets, steps, policy });

let world: World;
beforeEach(async () => {
  world = await buildWorld();
});
afterEach(async () => {
  await world.firmware.close();
  await world.mqtt.close();
  world.db.close();
  world.cleanup();
});

describe('the planner over the real inventory, groups, credentials, library and firmware server', () => {
  it('plans a mixed site: smart and static groups, chip-matched images, logins, offline devices', async () => {
    const shellyImage = await importShellyZip(world);
    const tasmotaImage = await importEspImage(world, 'ESP8266');
    const c3Image = await importEspImage(world, 'ESP32-C3');
    const shelly = {
      family: 'shelly' as const,
      model: 'SNSW-001P16EU',
      product: 'Plus1PM',
      firmware: '1.4.2',
    };
    addDevice(world, 'Pump', { ...shelly, raw: { auth_en: false } });
    addDevice(world, 'Gate', { ...shelly, raw: { auth_en: true } });
    const lockedWithSet = addDevice(world, 'Heater', { ...shelly, raw: { auth_en: true } });
    addDevice(world, 'Fan', { ...shelly, firmware: '1.6.0' });
    const away = addDevice(world, 'Barn', { ...shelly, online: false });
    const sonoff = addDevice(world, 'Sonoff', {
      family: 'tasmota',
      model: 'Sonoff Basic',
      firmware: '13.4.0(tasmota)',
      chip: 'ESP8266',
      raw: { StatusFWR: { Hardware: 'ESP8266EX', Version: '13.4.0(tasmota)' } },
    });
    const tasmota = { family: 'tasmota' as const, model: 'Generic', firmware: '14.1.0(tasmota)' };
    const porch = addDevice(world, 'Porch', { ...tasmota, chip: 'ESP32' });
    // Seen by MQTT discovery only: its config names no chip.
    const shed = addDevice(world, 'Shed', { ...tasmota, model: 'Sonoff Basic' });
    const sensor = addDevice(world, 'Sensor', { family: 'esphome', model: 'esp32dev', firmware: '2025.8.0' });
    const set = await world.credentials.save({
      name: 'Heater',
      username: 'admin',
      password: 'pw-1234',
      siteDefault: false,
    });
    world.credentials.assign([lockedWithSet], set.id);
    const shellies = world.groups.create({
      kind: 'smart',
      name: 'Shellies',
      filter: { families: ['shelly'] },
    });
    const others = world.groups.create({
      kind: 'static',
      name: 'Others',
      deviceIds: [sensor, sonoff, porch, shed],
    });

    const plan = await world.planner.plan(
      spec({ deviceIds: [sonoff], groupIds: [shellies.id, others.id] }, [
        { action: 'firmware-update', images: [shellyImage, c3Image, tasmotaImage] },
      ]),
    );

    expect(
      plan.devices.map((d) => [d.deviceName, d.skip?.reason ?? 'runs', d.targetVersion, d.wave]),
    ).toEqual([
      ['Sonoff', 'runs', '14.2.0', 0],
      ['Barn', 'runs', '1.6.0', 0],
      ['Fan', 'already-on-target', '1.6.0', null],
      ['Gate', 'missing-credentials', '1.6.0', null],
      ['Heater', 'runs', '1.6.0', 0],
      ['Porch', 'incompatible', null, null],
      ['Pump', 'runs', '1.6.0', 0],
      ['Sensor', 'incompatible', null, null],
      ['Shed', 'incompatible', null, null],
    ]);
    const reason = (id: DeviceId) => plan.devices.find((d) => d.deviceId === id)!.skip!.message;
    expect(reason(porch)).toBe(
      'image is for ESP32-C3; this device is ESP32 / image is for ESP8266; this device is ESP32',
    );
    expect(reason(shed)).toMatch(/^chip not known yet: /);
    expect(plan.devices.find((d) => d.deviceId === away)).toMatchObject({ online: false, deferred: true });
    expect(plan.devices.find((d) => d.deviceId === sensor)!.skip!.message).toBe(
      'esphome devices cannot run "firmware-update"',
    );
    expect(plan).toMatchObject({ runnable: 4, skipped: 5, destructive: false });
    expect(plan.firmwareServer).toMatchObject({
      ok: true,
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    expect(plan.warnings).toEqual([
      '1 device is offline and will be waited for up to 60 min, then skipped as not reached.',
    ]);
  });

  it('reports the firmware server as not reachable when its port is taken by another program', async () => {
    const image = await importShellyZip(world);
    const pump = addDevice(world, 'Pump', {
      family: 'shelly',
      model: 'SNSW-001P16EU',
      product: 'Plus1PM',
      firmware: '1.4.2',
    });
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = squatter.address() as AddressInfo;
      await world.firmware.server.updateSettings({ port });
      const firmwareStep: JobStep = { action: 'firmware-update', images: [image] };
      const plan = await world.planner.plan(spec({ deviceIds: [pump] }, [firmwareStep]));
      const message = `The firmware server is not listening: port ${port} is in use by another program.`;
      expect(plan.firmwareServer).toEqual({ ok: false, url: null, message });
      expect(plan.warnings).toEqual([
        `The firmware server is not reachable, so firmware steps would fail. ${message}`,
      ]);
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it('drops forgotten devices from a static group and refuses a forgotten explicit target', async () => {
    const shelly = { family: 'shelly' as const, model: 'SNSW-001P16EU', firmware: '1.4.2' };
    const keep = addDevice(world, 'Keep', shelly);
    const gone = addDevice(world, 'Gone', shelly);
    const group = world.groups.create({ kind: 'static', name: 'Both', deviceIds: [keep, gone] });
    world.devices.forget([gone]);

    const reboot: JobStep[] = [{ action: 'reboot' }];
    expect(world.planner.resolveTargets(spec({ groupIds: [group.id] }, reboot))).toEqual([keep]);
    await expect(world.planner.plan(spec({ deviceIds: [gone] }, reboot))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `not in the inventory: ${gone}`,
    });
  });
});
