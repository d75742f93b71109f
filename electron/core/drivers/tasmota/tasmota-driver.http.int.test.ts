import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseDeviceFaults,
  startFirmwareServer,
  startTasmotaFleet,
  type FirmwareServer,
  type SimulatedTasmota,
  type TasmotaFleet,
} from '../../../../simulator';
import { DeviceError } from '../../device-error';
import { defineActionCases } from '../../../../test-support/drivers/tasmota/tasmota-action-cases';
import { TasmotaPasswordRefused } from './tasmota-channel';
import {
  endpointOf,
  failure,
  imageServer,
  targetOf,
  TasmotaRig,
} from '../../../../test-support/drivers/tasmota/tasmota-test-rig';

/** Every device has this web password: a canary that must never show up in any output. */
const CANARY = 'canary-Pw-7f3e91';
const FLEET_SIZE = 26;

describe('TasmotaDriver over HTTP /cm with a web password (simulator)', () => {
  let fleet: TasmotaFleet;
  let files: FirmwareServer;
  let rig: TasmotaRig;
  let serveImage: ReturnType<typeof imageServer>;
  let used = 0;
  const progress: string[] = [];

  beforeAll(async () => {
    fleet = await startTasmotaFleet({
      count: FLEET_SIZE,
      seed: 52,
      webPassword: CANARY,
      bootTimeMs: 300,
      restartDelayMs: 50,
      backlogDelayMs: 20,
    });
    files = await startFirmwareServer();
    rig = new TasmotaRig();
    rig.useCredentials({ username: 'admin', password: CANARY });
    serveImage = imageServer(rig.services, files);
  });
  afterAll(async () => {
    await rig?.close();
    await fleet?.stop();
    await files?.stop();
  });

  const nextDevice = (): SimulatedTasmota => {
    const device = fleet.devices[used++];
    if (!device) throw new Error('the test fleet is too small');
    return device;
  };

  defineActionCases({
    transport: 'http',
    rig: () => rig,
    nextDevice,
    serveImage: (version, models, chip) => serveImage(version, models, chip),
    seesUpgradeResult: false,
  });

  it('identifies with the credentials discovery hands over, and refuses without them', async () => {
    const d = nextDevice();
    const endpoint = endpointOf(d, 'http');
    const signal = new AbortController().signal;
    const credentials = { username: 'admin', password: CANARY };
    expect((await rig.driver.identify(endpoint, { signal, credentials })).mac).toBe(d.mac.toLowerCase());
    const error = await failure(rig.driver.identify(endpoint, { signal }));
    expect(error).toBeInstanceOf(TasmotaPasswordRefused);
    expect(error.message).toBe(
      `HTTP ${d.host}:${d.port} needs a web password (give the device a credential set)`,
    );
  });

  it('fails a step with a wrong web password as a typed refusal that names neither password', async () => {
    const d = nextDevice();
    const wrong = 'wrong-Pw-00112233';
    const error = await failure(
      rig.driver.runStep({ action: 'reboot' }, targetOf(d, ['http']), {
        ...rig.context(),
        credentials: { username: 'admin', password: wrong },
      }),
    );
    expect(error).toBeInstanceOf(TasmotaPasswordRefused);
    expect(error).toMatchObject({ reason: 'device-error' });
    expect(error.message).toContain('refused the web password');
    expect(error.message).not.toContain(wrong);
    expect(d.counters.commands).toBe(0);
  });

  it('sets a new web password from a credential set and proves it on /cm, old one refused', async () => {
    const d = nextDevice();
    const fresh = 'fresh-Pw-4a5b6c';
    rig.services.addCredentialSet('cred_newpassword01', { username: 'admin', password: fresh });
    const result = await rig.driver.runStep(
      { action: 'set-password', credentialSetId: 'cred_newpassword01' },
      targetOf(d, ['http']),
      rig.context(30_000, progress),
    );
    expect(result.summary).toBe(
      `web password set over HTTP (${d.host}:${d.port}); /cm accepts the new one and refuses the old one`,
    );
    expect(JSON.stringify(result)).not.toContain(fresh);
    expect(d.counters.configWrites).toBe(1);
    // The app now logs in with the new set: the next step on the device works with it.
    const target = targetOf(d, ['http']);
    expect(await rig.services.credentialsFor(target)).toEqual({ username: 'admin', password: fresh });
    const next = await rig.driver.runStep({ action: 'collect' }, target, rig.context());
    expect(next.summary).toContain('Status 0 collected over HTTP');
  });

  it('removes the web password with a null credential set; /cm then needs none', async () => {
    const d = nextDevice();
    const result = await rig.driver.runStep(
      { action: 'set-password', credentialSetId: null },
      targetOf(d, ['http']),
      rig.context(),
    );
    expect(result.summary).toMatch(/^web password removed over HTTP .*; \/cm accepts the new one$/);
    const signal = new AbortController().signal;
    expect((await rig.driver.identify(endpointOf(d, 'http'), { signal })).mac).toBe(d.mac.toLowerCase());
  });

  it('refuses set-password without an HTTP address to prove it, and an unknown credential set', async () => {
    const d = nextDevice();
    const noHttp = { ...targetOf(d, ['http']), endpoints: [] };
    const step = { action: 'set-password', credentialSetId: 'cred_doesnotexist' } as const;
    expect((await failure(rig.driver.runStep(step, noHttp, rig.context()))).reason).toBe('unsupported');
    expect((await failure(rig.driver.runStep(step, targetOf(d, ['http']), rig.context()))).message).toBe(
      'credential set cred_doesnotexist does not exist',
    );
    expect(d.counters.commands).toBe(0);
  });

  it('never lets the web password into summaries, errors, progress or artifacts', async () => {
    const d = nextDevice();
    const outputs: unknown[] = [];
    const record = async (step: Parameters<typeof rig.driver.runStep>[0]) => {
      try {
        outputs.push(await rig.driver.runStep(step, targetOf(d, ['http']), rig.context(30_000, progress)));
      } catch (error) {
        expect(error).toBeInstanceOf(DeviceError);
        outputs.push((error as Error).message);
      }
    };
    await record({ action: 'collect' });
    await record({ action: 'raw-command', command: 'Status', value: '0' });
    await record({ action: 'raw-command', command: 'Time', value: '' });
    await record({ action: 'config-change', tasmota: { commands: [{ command: 'DeviceName', value: 'x' }] } });
    d.setFault(parseDeviceFaults('hang'));
    await record({ action: 'reboot' });
    d.setFault(null);
    const everything = JSON.stringify([outputs, progress, rig.services.artifacts]);
    expect(outputs).toHaveLength(5);
    expect(everything).not.toContain(CANARY);
    expect(outputs).toContainEqual(expect.stringMatching(/^no reply to "Status 0" from HTTP /));
  });
});
