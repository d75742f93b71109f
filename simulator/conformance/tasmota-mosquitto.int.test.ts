import { ReadlineParser } from '@serialport/parser-readline';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTasmotaFleet, type SimulatedTasmota, type TasmotaFleet } from '../index';
import { type MosquittoBroker, startMosquitto } from '../test-support/mosquitto-broker';
import { MosquittoSub, mosquittoPub } from '../test-support/mosquitto-clients';
import { DISCOVERY_KEYS, SECTION_KEYS } from './tasmota-keys';

/**
 * Conformance of the simulated Tasmota MQTT side and serial console against PROTOCOLS.md §2.1-§2.5,
 * using the apt clients mosquitto_sub / mosquitto_pub against a real mosquitto.
 */
let broker: MosquittoBroker;
let fleet: TasmotaFleet;
let sub: MosquittoSub;

beforeAll(async () => {
  broker = await startMosquitto();
  fleet = await startTasmotaFleet({
    count: 3,
    seed: 121,
    broker: broker.url,
    serialCount: 1,
    bootTimeMs: 100,
    backlogDelayMs: 10,
    teleIntervalMs: 300,
  });
  sub = await MosquittoSub.start(broker.port, ['stat/#', 'tele/#']);
  await Promise.all(fleet.devices.map((d) => sub.waitFor((m) => m.topic === `tele/${d.topic}/STATE`)));
});
afterAll(async () => {
  await sub?.stop();
  await fleet?.stop();
  await broker?.stop();
});

/** Publishes a command and waits for the reply on `stat/<topic>/<reply>` that mentions `key` (if given). */
async function command(
  device: SimulatedTasmota,
  name: string,
  payload: string,
  reply = 'RESULT',
  key?: string,
): Promise<Record<string, unknown>> {
  const from = sub.mark();
  await mosquittoPub(broker.port, `cmnd/${device.topic}/${name}`, payload);
  const message = await sub.waitFor(
    (m) =>
      m.topic === `stat/${device.topic}/${reply}` && (key === undefined || m.payload.includes(`"${key}"`)),
    from,
  );
  return JSON.parse(message.payload) as Record<string, unknown>;
}

describe('§2.1/§2.2 retained announcements', () => {
  it('keeps LWT Online and the discovery config/sensors retained, with the documented keys', async () => {
    const device = fleet.devices[0];
    const late = await MosquittoSub.start(broker.port, [
      `tele/${device.topic}/LWT`,
      `tasmota/discovery/${device.mac}/+`,
    ]);
    try {
      expect(await late.waitFor((m) => m.topic.endsWith('/LWT'))).toEqual({
        topic: `tele/${device.topic}/LWT`,
        retained: true,
        payload: 'Online',
      });
      const config = await late.waitFor((m) => m.topic.endsWith('/config'));
      expect(config.retained).toBe(true);
      const json = JSON.parse(config.payload) as Record<string, unknown>;
      expect(Object.keys(json)).toEqual(DISCOVERY_KEYS);
      expect(json).toMatchObject({
        mac: device.mac,
        t: device.topic,
        sw: device.version.replace(/\(.*/, ''),
        md: device.module,
      });
      expect(Object.keys(json.so as object)).toEqual([
        '4',
        '11',
        '13',
        '17',
        '20',
        '30',
        '68',
        '73',
        '82',
        '114',
        '117',
      ]);
      const sensors = await late.waitFor((m) => m.topic.endsWith('/sensors'));
      expect(Object.keys(JSON.parse(sensors.payload) as object)).toEqual(['sn', 'ver']);
    } finally {
      await late.stop();
    }
  });

  it('publishes INFO1-3 after a boot and tele STATE with the documented keys', async () => {
    const device = fleet.devices[1];
    // INFO1-3 go out once per boot (xdrv_02_9_mqtt.ino MqttConnected), possibly before `sub` subscribed: restart.
    const from = sub.mark();
    await mosquittoPub(broker.port, `cmnd/${device.topic}/Restart`, '1');
    await sub.waitFor((m) => m.topic === `tele/${device.topic}/INFO3`, from);
    const info = (n: number): Record<string, Record<string, unknown>> =>
      JSON.parse(
        sub.messages.slice(from).find((m) => m.topic === `tele/${device.topic}/INFO${n}`)!.payload,
      ) as Record<string, Record<string, unknown>>;
    expect(Object.keys(info(1).Info1)).toEqual(['Module', 'Version', 'FallbackTopic', 'GroupTopic']);
    expect(Object.keys(info(2).Info2)).toEqual(['WebServerMode', 'Hostname', 'IPAddress']);
    expect(info(3).Info3).toHaveProperty('RestartReason');
    const state = JSON.parse(
      (await sub.waitFor((m) => m.topic === `tele/${device.topic}/STATE`)).payload,
    ) as object;
    expect(Object.keys(state)).toEqual(expect.arrayContaining(SECTION_KEYS.StatusSTS));
  });
});

describe('§2.3/§2.4 commands through mosquitto_pub', () => {
  // Corrected 2026-12-07 (support_command.ino CmndStatusResponse): only Status0 (index 0) merges the sections.
  it('Status0 is ONE message on stat/<topic>/STATUS0 with every §2.3 section and field', async () => {
    const device = fleet.devices[0];
    const from = sub.mark();
    const all = await command(device, 'Status0', '', 'STATUS0');
    expect(Object.keys(all)).toEqual(Object.keys(SECTION_KEYS));
    for (const [section, keys] of Object.entries(SECTION_KEYS))
      expect(Object.keys(all[section] as object), section).toEqual(expect.arrayContaining(keys));
    await command(device, 'DeviceName', '');
    const stats = sub.messages.slice(from).filter((m) => m.topic.startsWith(`stat/${device.topic}/`));
    expect(stats.map((m) => m.topic)).toEqual([
      `stat/${device.topic}/STATUS0`,
      `stat/${device.topic}/RESULT`,
    ]);
  });

  it('Status 0 is one message per section, STATUS to STATUS11', async () => {
    const device = fleet.devices[0];
    const from = sub.mark();
    await command(device, 'Status', '0', 'STATUS11');
    const stats = sub.messages.slice(from).filter((m) => m.topic.startsWith(`stat/${device.topic}/`));
    expect(stats.map((m) => Object.keys(JSON.parse(m.payload) as object)[0])).toEqual(
      Object.keys(SECTION_KEYS),
    );
    expect(stats.map((m) => m.topic.split('/').pop())).toEqual(
      ['', '1', '2', '3', '4', '5', '6', '7', '10', '11'].map((n) => `STATUS${n}`),
    );
  });

  it('answers unknown commands and malformed payloads without dying', async () => {
    const device = fleet.devices[2];
    expect(await command(device, 'NoSuchCommand', '')).toEqual({ Command: 'Unknown' });
    await mosquittoPub(
      broker.port,
      `cmnd/${device.topic}/Backlog`,
      Buffer.from([0x00, 0xff, 0x3b, 0x3b, 0x0a, 0xfe]),
    );
    expect(await command(device, 'SetOption999', 'x')).toEqual({ Command: 'Unknown' });
    expect(await command(device, 'SetOption3', 'on', 'RESULT', 'SetOption3')).toEqual({ SetOption3: 'ON' });
  });

  it('reaches every device through the group topic and one through its fallback topic', async () => {
    const from = sub.mark();
    await mosquittoPub(broker.port, 'cmnd/tasmotas/TelePeriod', '60');
    for (const device of fleet.devices) {
      const reply = await sub.waitFor(
        (m) => m.topic === `stat/${device.topic}/RESULT` && m.payload.includes('TelePeriod'),
        from,
      );
      expect(JSON.parse(reply.payload)).toEqual({ TelePeriod: 60 });
    }
    const device = fleet.devices[1];
    const mark = sub.mark();
    await mosquittoPub(broker.port, `cmnd/DVES_${device.mac.slice(6)}_fb/Timezone`, '99');
    const zone = await sub.waitFor(
      (m) => m.topic === `stat/${device.topic}/RESULT` && m.payload.includes('Timezone'),
      mark,
    );
    expect(JSON.parse(zone.payload)).toEqual({ Timezone: 99 });
  });
});

describe('§2.5 serial console', () => {
  it('echoes CMD: and logs MQT: stat/<topic>/RESULT = {...} when the result was published', async () => {
    const device = fleet.devices[0];
    const port = new SerialPort({ path: device.serialPath!, baudRate: 115200 });
    const lines: string[] = [];
    port
      .pipe(new ReadlineParser({ delimiter: '\n' }))
      .on('data', (line: string) => lines.push(line.replace(/\r$/, '')));
    await new Promise((resolve) => port.on('open', resolve));
    try {
      const from = sub.mark();
      port.write('FriendlyName1 Serial\n');
      await sub.waitFor(
        (m) => m.topic === `stat/${device.topic}/RESULT` && m.payload.includes('Serial'),
        from,
      );
      await expect.poll(() => lines.some((l) => l.includes('MQT: '))).toBe(true);
      expect(lines).toContainEqual(
        expect.stringMatching(/^\d{2}:\d{2}:\d{2}\.\d{3} CMD: FriendlyName1 Serial$/),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} MQT: stat/${device.topic}/RESULT = \\{"FriendlyName1":"Serial"\\}$`,
          ),
        ),
      );
    } finally {
      await new Promise((resolve) => port.close(resolve));
    }
  });
});
