import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { FirmwareImage, FirmwareServerInfo } from '../../../shared/domain/firmware';
import type { MatchableDevice } from '../../../shared/domain/firmware-match';
import type { JobId } from '../../../shared/domain/job';
import type { DeviceTarget } from '../drivers/device-driver';
import { DeviceError } from '../device-error';
import { chooseImage } from '../jobs/plan-firmware';
import { silentLogger } from '../logging/json-logger';
import { LibraryFirmwareProvider } from './firmware-provider';

const JOB = 'job_provider0001' as JobId;
const ID = 'mac:a4cf12000001' as DeviceId;
const target: DeviceTarget = {
  id: ID,
  family: 'tasmota',
  mac: 'a4cf12000001',
  model: 'Sonoff Basic',
  endpoints: [{ transport: 'http', host: '192.0.2.7', port: 80 }],
};
const ESP32: MatchableDevice = {
  family: 'tasmota',
  chip: 'ESP32',
  product: 'Tasmota',
  firmware: '14.2.0(tasmota)',
};

let shaSeq = 0;
function espImage(chip: string, over: Partial<FirmwareImage> = {}): FirmwareImage {
  const sha256 = (++shaSeq).toString(16).padStart(64, '0');
  return {
    sha256,
    fileName: `tasmota32-${sha256.slice(-2)}.bin`,
    size: 4096,
    family: 'tasmota',
    format: 'esp-image',
    kind: 'ota',
    chip,
    app: null,
    project: 'tasmota',
    models: ['Generic'],
    version: '14.4.0',
    versionSource: 'header',
    fwId: null,
    build: null,
    notes: '',
    notices: [],
    importedAt: 0,
    present: true,
    ...over,
  };
}

/** A provider over an in-memory library and server; `checks` lists the hashes the server was asked to verify. */
function provider(
  images: FirmwareImage[],
  options: { device?: MatchableDevice | null; failing?: string[]; listening?: boolean } = {},
) {
  const checks: string[] = [];
  const status: FirmwareServerInfo['status'] = {
    listening: options.listening ?? true,
    bindAddress: '0.0.0.0',
    port: 8070,
    error: options.listening === false ? 'port 8070 is in use by another program' : null,
    activeDownloads: 0,
    activeJobs: 0,
  };
  const served = new LibraryFirmwareProvider({
    library: { get: (sha) => images.find((i) => i.sha256 === sha) ?? null },
    server: {
      verify: async (sha) => {
        checks.push(sha);
        return options.failing?.includes(sha) ? 'mismatch' : 'ok';
      },
      urlFor: (_job, sha) => (status.listening ? `http://192.0.2.1:8070/fw/token/${sha}` : null),
      info: () => ({
        settings: { interface: null, port: 8070, maxConcurrent: 10, bandwidthKiBps: null },
        status,
      }),
    },
    device: () => (options.device === undefined ? ESP32 : options.device),
    logger: silentLogger,
  });
  return { served, checks };
}

async function refusal(promise: Promise<unknown>): Promise<DeviceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeviceError);
  return error as DeviceError;
}

describe('the library firmware provider', () => {
  it('serves the first image made for the device whose file passes its check', async () => {
    const c3 = espImage('ESP32-C3');
    const changed = espImage('ESP32');
    const good = espImage('ESP32', { fwId: null, version: '14.4.0' });
    const { served, checks } = provider([c3, changed, good], { failing: [changed.sha256] });
    expect(await served.serveFor(JOB, [c3.sha256, changed.sha256, good.sha256], target)).toEqual({
      url: `http://192.0.2.1:8070/fw/token/${good.sha256}`,
      sha256: good.sha256,
      size: 4096,
      version: '14.4.0',
      fwId: null,
    });
    expect(checks).toEqual([changed.sha256, good.sha256]);
  });

  it('refuses a C3 image for an ESP32 with the dry run reason, before checking or serving anything', async () => {
    const c3 = espImage('ESP32-C3');
    const { served, checks } = provider([c3]);
    const error = await refusal(served.serveFor(JOB, [c3.sha256], target));
    expect(error.reason).toBe('unsupported');
    expect(error.message).toBe('image is for ESP32-C3; this device is ESP32; nothing was sent');
    expect(checks).toEqual([]);
  });

  it('refuses a downgrade unless the step allows it', async () => {
    const old = espImage('ESP32', { version: '14.3.0.4' });
    const { served } = provider([old], { device: { ...ESP32, firmware: '15.1.0(tasmota32)' } });
    const error = await refusal(served.serveFor(JOB, [old.sha256], target));
    expect(error.message).toBe(
      "runs 15.1.0(tasmota32), newer than the image's 14.3.0.4; allow downgrade in the step to install it; nothing was sent",
    );
    const allowed = await served.serveFor(JOB, [old.sha256], target, { allowDowngrade: true });
    expect(allowed.version).toBe('14.3.0.4');
  });

  it('refuses a device that left the inventory, and a file that fails its check', async () => {
    const image = espImage('ESP32');
    const gone = await refusal(
      provider([image], { device: null }).served.serveFor(JOB, [image.sha256], target),
    );
    expect(gone.reason).toBe('unknown-device');
    const { served } = provider([image], { failing: [image.sha256] });
    const changed = await refusal(served.serveFor(JOB, [image.sha256], target));
    expect(changed.reason).toBe('internal');
    expect(changed.message).toMatch(/does not match its hash/);
  });

  it('says so when the server cannot serve', async () => {
    const image = espImage('ESP32');
    const { served } = provider([image], { listening: false });
    const error = await refusal(served.serveFor(JOB, [image.sha256], target));
    expect(error).toMatchObject({
      reason: 'unreachable',
      message: 'the firmware server cannot serve the image: port 8070 is in use by another program',
    });
  });

  // The run must never send what the dry run refused, nor refuse what it planned.
  it.each<[string, Partial<MatchableDevice>, Partial<FirmwareImage>, boolean]>([
    ['its chip', {}, {}, false],
    ['another chip', {}, { chip: 'ESP32-S3' }, false],
    ['a chip not known yet', { chip: null }, {}, false],
    ['a factory image', {}, { kind: 'factory' }, false],
    ['another family', { family: 'shelly', product: 'Plus1PM' }, {}, false],
    ['a downgrade', { firmware: '15.1.0' }, { version: '14.3.0.4' }, false],
    ['an allowed downgrade', { firmware: '15.1.0' }, { version: '14.3.0.4' }, true],
    ['the version it runs', { firmware: '14.4.0(tasmota)' }, {}, false],
  ])('decides like the dry run for %s', async (_case, on, made, allowDowngrade) => {
    const device = { ...ESP32, ...on };
    const image = espImage('ESP32', made);
    const planned = chooseImage([image], device, { allowDowngrade }).kind === 'image';
    const { served } = provider([image], { device });
    const sent = await served.serveFor(JOB, [image.sha256], target, { allowDowngrade }).then(
      () => true,
      () => false,
    );
    expect(sent).toBe(planned);
  });
});
