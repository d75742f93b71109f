import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildShellyFirmwareZip,
  startFirmwareServer,
  startShellyFleet,
  type FirmwareServer,
  type ShellyFleet,
  type SimulatedShelly,
} from '../../../../simulator';
import { FakeStepServices, type FakeFirmwareImage } from '../../../../test-support/core/fake-step-services';
import { DeviceError } from '../../device-error';
import {
  deadline,
  failure,
  makeDriver,
  progressLog,
  targetOf,
  type TestDriver,
} from '../../../../test-support/drivers/shelly/shelly-test-kit';

const PASSWORD = 'canary-fw-Q7x9';
const NEW_VER = '1.7.0';
const NEW_FW_ID = '20250901-101010/1.7.0-gfeed123';
const fileFor = (model: string) => `${model}.zip`;

let fleet: ShellyFleet;
let files: FirmwareServer;
let services: FakeStepServices;
const images: FakeFirmwareImage[] = [];
const servicesWith = (password: string) =>
  new FakeStepServices({ firmware: images, siteCredentials: { username: 'admin', password } });
let t: TestDriver;
const shaOf: Record<string, string> = {};
const taken = new Set<SimulatedShelly>();

/** A device of generation `gen` that no other test has touched. */
function fresh(gen: number): SimulatedShelly {
  const d = fleet.devices.find((x) => x.gen === gen && !taken.has(x));
  if (!d) throw new Error(`no unused Gen${gen} device left`);
  taken.add(d);
  return d;
}

const update = (d: SimulatedShelly) => ({
  action: 'firmware-update' as const,
  images: Object.values(shaOf).filter((sha) => sha === shaOf[d.model]),
});
const totalDownloads = () => fleet.devices.reduce((n, d) => n + files.downloads(fileFor(d.model)), 0);

beforeAll(async () => {
  fleet = await startShellyFleet({
    count: 24,
    seed: 7,
    bootTimeMs: 300,
    mdns: false,
    auth: { password: PASSWORD, style: 'mixed' },
  });
  const appOf = new Map(fleet.devices.map((d) => [d.model, d.app]));
  files = await startFirmwareServer();
  for (const [model, app] of appOf) {
    // A real mOS zip for the device's app; the app part spans several socket chunks, since the simulator
    // cuts an `ota-download-error` download only between chunks.
    const image = buildShellyFirmwareZip({ app, version: NEW_VER, buildId: NEW_FW_ID, partSize: 512 * 1024 });
    files.put(fileFor(model), image);
    const sha256 = createHash('sha256').update(image).digest('hex');
    shaOf[model] = sha256;
    images.push({
      family: 'shelly',
      models: [model],
      url: files.url(fileFor(model)),
      sha256,
      size: image.length,
      version: NEW_VER,
      fwId: NEW_FW_ID,
    });
  }
  services = servicesWith(PASSWORD);
  t = makeDriver();
});
afterAll(async () => {
  t?.http.close();
  await files?.stop();
  await fleet?.stop();
});

describe('Shelly firmware update against the simulator', () => {
  it.each([2, 3, 4])(
    'updates a Gen%i device: one download, one flash, verified ver, fw_id and uptime, progress from ota_progress',
    async (gen) => {
      const d = fresh(gen);
      const old = d.ver;
      const downloads = files.downloads(fileFor(d.model));
      const { log, onProgress } = progressLog();
      const result = await t.driver.runStep(update(d), targetOf(d), {
        signal: deadline(20_000),
        onProgress,
        services,
      });
      expect(result.summary).toMatch(
        new RegExp(`^running ${NEW_VER} \\(fw_id ${NEW_FW_ID}\\), uptime \\d+ s \\(was ${old}`),
      );
      expect([d.ver, d.fwId]).toEqual([NEW_VER, NEW_FW_ID]);
      // The verification's /shelly reply, for the inventory: what identify would answer now.
      expect(result.readBack).toMatchObject({ id: targetOf(d).id, firmware: NEW_VER });
      expect(d.counters).toMatchObject({ flashes: 1, reboots: 1, rollbacks: 0, otaFailures: 0 });
      expect(files.downloads(fileFor(d.model))).toBe(downloads + 1);
      expect(log.filter((p) => p.percent !== undefined).map((p) => p.percent)).toContain(100);
      expect(log.map((p) => p.message)).toContain('update applied, rebooting');

      const again = await t.driver.runStep(update(d), targetOf(d), { signal: deadline(5_000), services });
      expect(again.summary).toBe(`already on ${NEW_VER} (fw_id ${NEW_FW_ID}); nothing flashed`);
      expect(d.counters.flashes).toBe(1);
      expect(files.downloads(fileFor(d.model))).toBe(downloads + 1);
    },
  );

  it('refuses a step with no image for the model before touching the device: no request, download or flash', async () => {
    const d = fresh(2);
    const other = fleet.devices.find((x) => x.model !== d.model)!;
    const [requests, downloads] = [d.counters.rpcRequests, totalDownloads()];
    const error = await failure(
      t.driver.runStep({ action: 'firmware-update', images: [shaOf[other.model]!] }, targetOf(d), {
        signal: deadline(5_000),
        services,
      }),
    );
    expect(error.reason).toBe('unsupported');
    expect(error.message).toContain(d.model);
    expect(d.counters.rpcRequests).toBe(requests);
    expect(totalDownloads()).toBe(downloads);
    expect(d.counters.flashes).toBe(0);
  });

  it('reports a silent rollback as not verified, never as success', async () => {
    const d = fresh(3);
    const old = { ver: d.ver, fwId: d.fwId };
    d.setFault({ kind: 'silent-rollback' });
    const error = await failure(
      t.driver.runStep(update(d), targetOf(d), { signal: deadline(20_000), services }),
    );
    expect(error.reason).toBe('not-verified');
    expect(error.message).toContain(`old firmware ${old.ver} (fw_id ${old.fwId}) (silent rollback)`);
    expect(d.counters).toMatchObject({ flashes: 1, rollbacks: 1, reboots: 1 });
    expect({ ver: d.ver, fwId: d.fwId }).toEqual(old);
  });

  // A real Gen2 reports every OTA failure as ota_error {"msg":"error"} (mongoose-os-apps/shelly-homekit#1350).
  it.each([
    ['ota-download-error', 'error'],
    ['corrupt-download', 'error'],
  ] as const)('fails on %s with the device message, keeping the old version', async (kind, message) => {
    const d = fresh(4);
    const old = d.ver;
    d.setFault({ kind });
    const error = await failure(
      t.driver.runStep(update(d), targetOf(d), { signal: deadline(20_000), services }),
    );
    expect(error.reason).toBe('device-error');
    expect(error.message).toContain(`ota_error "${message}`);
    expect(error.message).toContain(`still runs ${old}`);
    expect(d.counters).toMatchObject({ flashes: 0, otaFailures: 1, reboots: 0 });
    expect(d.ver).toBe(old);
  });

  it('falls back to polling when the WebSocket cannot be opened, and still verifies', async () => {
    const polling = makeDriver({
      connectWebSocket: async () => {
        throw new DeviceError('unreachable', 'WebSocket refused (test)');
      },
    });
    try {
      const d = fresh(2);
      const { log, onProgress } = progressLog();
      const result = await polling.driver.runStep(update(d), targetOf(d), {
        signal: deadline(20_000),
        onProgress,
        services,
      });
      expect(result.summary).toMatch(/^running 1\.7\.0/);
      expect(d.counters.flashes).toBe(1);
      expect(log.map((p) => p.message)).toContain('update requested; polling (no progress over HTTP)');
      expect(log.some((p) => p.percent !== undefined)).toBe(false);
    } finally {
      polling.http.close();
    }
  });

  it('without notifications, an update that never reboots fails as not verified after the OTA budget', async () => {
    const polling = makeDriver({}, { useWebSocket: false, otaTimeoutMs: 1_500 });
    try {
      const d = fresh(3);
      d.setFault({ kind: 'ota-download-error' });
      const error = await failure(
        polling.driver.runStep(update(d), targetOf(d), { signal: deadline(20_000), services }),
      );
      expect(error.reason).toBe('not-verified');
      expect(error.message).toMatch(/^update: no reboot within 1.5 s/);
      expect(d.counters).toMatchObject({ flashes: 0, reboots: 0, otaFailures: 1 });
    } finally {
      polling.http.close();
    }
  });

  it('stops mid-update when canceled, with the cancel reason', async () => {
    const d = fresh(2);
    const release = files.hold(fileFor(d.model));
    const controller = new AbortController();
    const reason = new Error('canceled by the user');
    try {
      // The download is held, so only the cancel can end the step.
      const pending = t.driver.runStep(update(d), targetOf(d), {
        signal: controller.signal,
        services,
        onProgress: (p) => {
          if (p.message === 'update started') controller.abort(reason);
        },
      });
      await expect(pending).rejects.toBe(reason);
      expect(d.counters.flashes).toBe(0);
    } finally {
      release();
    }
  });

  it('never puts the password in a message', async () => {
    const d = fresh(4);
    const wrong = servicesWith(`${PASSWORD}-x`);
    const error = await failure(
      t.driver.runStep(update(d), targetOf(d), { signal: deadline(5_000), services: wrong }),
    );
    expect(error.message).toBe(`wrong password for ${d.id}`);
    expect(error.message).not.toContain(PASSWORD);
  });
});
