import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  parseDeviceFaults,
  startFirmwareServer,
  startTasmotaFleet,
  type FirmwareServer,
  type SimulatedTasmota,
  type TasmotaFleet,
} from '../../../../simulator';
import { startMosquitto, type MosquittoBroker } from '../../../../simulator/test-support/mosquitto-broker';
import { defineActionCases } from '../../../../test-support/drivers/tasmota/tasmota-action-cases';
import {
  failure,
  imageServer,
  targetOf,
  TasmotaRig,
} from '../../../../test-support/drivers/tasmota/tasmota-test-rig';

const FLEET_SIZE = 32;
const WAIT = { timeout: 10_000, interval: 20 };

describe('TasmotaDriver over MQTT (mosquitto + simulator)', () => {
  let broker: MosquittoBroker;
  let fleet: TasmotaFleet;
  let files: FirmwareServer;
  let rig: TasmotaRig;
  let used = 0;
  let serveImage: ReturnType<typeof imageServer>;

  beforeAll(async () => {
    broker = await startMosquitto();
    fleet = await startTasmotaFleet({
      count: FLEET_SIZE,
      seed: 51,
      broker: broker.url,
      bootTimeMs: 300,
      restartDelayMs: 50,
      backlogDelayMs: 20,
    });
    files = await startFirmwareServer();
    rig = new TasmotaRig();
    await rig.connect(broker.url);
    serveImage = imageServer(rig.services, files);
  });
  afterAll(async () => {
    await rig?.close();
    await fleet?.stop();
    await files?.stop();
    await broker?.stop();
  });

  const nextDevice = (): SimulatedTasmota => {
    const device = fleet.devices[used++];
    if (!device) throw new Error('the test fleet is too small');
    return device;
  };

  defineActionCases({
    transport: 'mqtt',
    rig: () => rig,
    nextDevice,
    serveImage: (version, models, chip) => serveImage(version, models, chip),
    seesUpgradeResult: true,
  });

  it('follows a Topic change through the restart and reads it back under the new topic', async () => {
    const d = nextDevice();
    const commands = [{ command: 'Topic', value: 'hall_plug_42' }];
    const result = await rig.driver.runStep(
      { action: 'config-change', tasmota: { commands } },
      targetOf(d, ['mqtt']),
      rig.context(),
    );
    expect(result.summary).toMatch(
      /^read back over MQTT \(hall_plug_42 @ 127\.0\.0\.1:\d+\): Topic="hall_plug_42"; restarted/,
    );
    expect(d.topic).toBe('hall_plug_42');
    expect(d.counters.reboots).toBe(1);
  });

  it('names the INFO1 version the device announced after an upgrade', async () => {
    const d = nextDevice();
    const image = serveImage('14.5.0', [d.module], d.chip);
    const result = await rig.driver.runStep(
      { action: 'firmware-update', images: [image.sha256] },
      targetOf(d, ['mqtt']),
      rig.context(),
    );
    expect(result.summary).toContain('INFO1 announced 14.5.0(release-tasmota)');
    // The Status 0 read after the restart, for the inventory: what identify would answer now.
    expect(result.readBack).toMatchObject({ id: targetOf(d, ['mqtt']).id });
    expect(result.readBack?.firmware).toMatch(/^14\.5\.0/);
  });

  it('resets at level 6 keeping the topic, and at level 1 follows the device back to its default topic', async () => {
    const d = nextDevice();
    await d.command('Topic custom_topic_6');
    await vi.waitFor(() => expect(d.counters.reboots === 1 && d.mqttConnected).toBe(true), WAIT);
    const kept = await rig.driver.runStep(
      { action: 'factory-reset', tasmotaLevel: 6 },
      targetOf(d, ['mqtt']),
      rig.context(),
    );
    expect(kept.summary).toMatch(/^Reset 6 over MQTT \(custom_topic_6 @/);
    expect(d.topic).toBe('custom_topic_6');
    const reset = await rig.driver.runStep(
      { action: 'factory-reset', tasmotaLevel: 1 },
      targetOf(d, ['mqtt']),
      rig.context(),
    );
    const defaultTopic = `tasmota_${d.mac.slice(-6).toUpperCase()}`;
    expect(reset.summary).toContain(`Topic "${defaultTopic}"`);
    expect(d.topic).toBe(defaultTopic);
    expect(d.counters.resets).toBe(2);
  });

  it('falls back to HTTP when the device is silent on MQTT, and says so', async () => {
    const d = nextDevice();
    const target = targetOf(d, ['mqtt', 'http']);
    // The inventory's MQTT endpoint is stale: nobody listens on that topic any more.
    const endpoints = target.endpoints.map((e) =>
      e.transport === 'mqtt' ? { ...e, topic: 'nobody_here' } : e,
    );
    const result = await rig.driver.runStep({ action: 'collect' }, { ...target, endpoints }, rig.context());
    expect(result.summary).toContain('Status 0 collected over HTTP');
  });

  it('uses HTTP when the broker of the MQTT endpoint is not connected', async () => {
    const d = nextDevice();
    const target = targetOf(d, ['mqtt', 'http']);
    const endpoints = target.endpoints.map((e) =>
      e.transport === 'mqtt' ? { ...e, brokerId: 'brk_elsewhere' } : e,
    );
    const result = await rig.driver.runStep({ action: 'reboot' }, { ...target, endpoints }, rig.context());
    expect(result.summary).toMatch(/^restarted over HTTP/);
  });

  it('refuses to move a device off its broker over MQTT, before sending anything', async () => {
    const d = nextDevice();
    const commands = [{ command: 'MqttPort', value: '1884' }];
    const error = await failure(
      rig.driver.runStep(
        { action: 'config-change', tasmota: { commands } },
        targetOf(d, ['mqtt']),
        rig.context(),
      ),
    );
    expect(error.reason).toBe('unsupported');
    expect(error.message).toContain('moves the device off its broker');
    expect(d.counters.commands).toBe(0);
  });

  it('refuses a config command outside the allow-list even if a stored job carries it', async () => {
    const d = nextDevice();
    const commands = [{ command: 'Reset', value: '1' }];
    const error = await failure(
      rig.driver.runStep(
        { action: 'config-change', tasmota: { commands } },
        targetOf(d, ['mqtt']),
        rig.context(),
      ),
    );
    expect(error).toMatchObject({ reason: 'unsupported' });
    expect(d.counters.commands + d.counters.resets).toBe(0);
  });

  it('reports a refused Backlog command with the device words and the command', async () => {
    const d = nextDevice();
    // The simulator does not implement LedState: {"Command":"Unknown"} mid-Backlog.
    const commands = [
      { command: 'DeviceName', value: 'Ok' },
      { command: 'LedState', value: '1' },
    ];
    const error = await failure(
      rig.driver.runStep(
        { action: 'config-change', tasmota: { commands } },
        targetOf(d, ['mqtt']),
        rig.context(),
      ),
    );
    expect(error.reason).toBe('device-error');
    expect(error.message).toBe('the device answered {"Command":"Unknown"} to "LedState 1"');
  });

  it('fails a setting that does not read back as sent as not-verified, quoting both values', async () => {
    const d = nextDevice();
    // `2` toggles a switch option: the device stores ON or OFF, never "2".
    const commands = [{ command: 'SetOption1', value: '2' }];
    const error = await failure(
      rig.driver.runStep(
        { action: 'config-change', tasmota: { commands } },
        targetOf(d, ['mqtt']),
        rig.context(),
      ),
    );
    expect(error.reason).toBe('not-verified');
    expect(error.message).toMatch(/^SetOption1 reads back "ON", expected "2" over MQTT/);
  });

  it('turns a step budget running out into a timeout saying what it was waiting for', async () => {
    const d = nextDevice() as SimulatedTasmota;
    d.setFault(parseDeviceFaults('long-reboot:10m'));
    const error = await failure(
      rig.driver.runStep({ action: 'reboot' }, targetOf(d, ['mqtt']), { ...rig.context(1_500) }),
    );
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe(
      'reboot ran out of time while waiting for the device to restart after Restart 1',
    );
  });
});
