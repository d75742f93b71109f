import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet, type SimulatedShelly } from '../index';
import { probeTcp, rpcResult, waitUntil } from '../test-support/http-client';
import { assertOnlyLoopbackInterfaces } from '../test-support/loopback-guard';
import { SHELLY_MODELS } from './shelly-models';
import { MdnsQuerier, type SeenPacket, type SeenRecord, txtStrings } from '../test-support/mdns-querier';

assertOnlyLoopbackInterfaces();

const REFUSING = 3;
let querier: MdnsQuerier;
let fleet: ShellyFleet;

const httpFqdn = (device: SimulatedShelly): string => `${hostLabel(device)}._http._tcp.local`;
const shellyFqdn = (device: SimulatedShelly): string => `${device.id}._shelly._tcp.local`;
const hostName = (device: SimulatedShelly): string => `${hostLabel(device)}.local`;
const hostLabel = (device: SimulatedShelly): string => {
  const model = SHELLY_MODELS.find((candidate) => candidate.model === device.model);
  if (model === undefined) throw new Error(`unknown model ${device.model}`);
  return `${model.namePrefix}-${device.mac}`;
};

const find = (records: SeenRecord[], type: string, name: string): SeenRecord | undefined =>
  records.find((record) => record.type === type && record.name === name);

/** Index of the first packet at or after `from` that holds `type name` with ttl matching `isLive`. */
function packetWith(
  packets: SeenPacket[],
  from: number,
  type: string,
  name: string,
  isLive: boolean,
): number {
  for (let index = from; index < packets.length; index += 1) {
    const { answers, additionals } = packets[index];
    const hit = [...answers, ...additionals].some(
      (record) => record.type === type && record.name === name && (record.ttl === 0) !== isLive,
    );
    if (hit) return index;
  }
  return -1;
}

beforeAll(async () => {
  querier = await MdnsQuerier.start();
  fleet = await startShellyFleet({ count: 4, seed: 41, bootTimeMs: 400, faults: { [REFUSING]: 'refuse' } });
});

afterAll(async () => {
  await fleet?.stop();
  await querier?.stop();
});

describe('Shelly mDNS', () => {
  it('answers a _shelly._tcp PTR browse with every online device and SRV/TXT/A as additionals', async () => {
    const online = fleet.devices.slice(0, REFUSING);
    querier.query([{ name: '_shelly._tcp.local', type: 'PTR' }]);
    for (const device of online) {
      const packet = await querier.waitFor(
        (packets) =>
          packets.find(
            (p) =>
              p.answers.some((r) => r.type === 'PTR' && r.data === shellyFqdn(device)) &&
              p.additionals.some((r) => r.type === 'SRV' && r.name === shellyFqdn(device)),
          ),
        5000,
        `browse answer for ${device.id}`,
      );
      expect(find(packet.answers, 'PTR', '_shelly._tcp.local')).toBeDefined();
      expect(find(packet.additionals, 'SRV', shellyFqdn(device))?.data).toMatchObject({
        port: device.port,
        target: hostName(device),
      });
      expect(txtStrings(find(packet.additionals, 'TXT', shellyFqdn(device)) as SeenRecord)).toEqual([
        `gen=${device.gen}`,
        `app=${device.app}`,
        `ver=${device.ver}`,
      ]);
      expect(find(packet.additionals, 'A', hostName(device))?.data).toBe('127.0.0.1');
    }
  });

  it('names _http._tcp instances <Prefix>-<MAC> and points them at the same port', async () => {
    const device = fleet.devices[0];
    expect(hostLabel(device)).toMatch(/^Shelly[A-Za-z0-9]+-[0-9A-F]{12}$/);
    expect(hostLabel(device).toLowerCase()).toBe(device.id);
    querier.query([{ name: '_http._tcp.local', type: 'PTR' }]);
    const srv = await querier.waitFor((packets) =>
      packets.flatMap((p) => p.additionals).find((r) => r.type === 'SRV' && r.name === httpFqdn(device)),
    );
    expect(srv.data).toMatchObject({ port: device.port, target: hostName(device) });
  });

  it('announces each device twice, about a second apart, without being asked', async () => {
    const device = fleet.devices[1];
    const announcements = await querier.waitFor((packets) => {
      const seen = packets.filter(
        (p) =>
          p.additionals.length === 0 &&
          p.answers.some((r) => r.type === 'SRV' && r.name === shellyFqdn(device) && r.ttl !== 0),
      );
      return seen.length >= 2 ? seen : undefined;
    }, 5000);
    expect(announcements[1].receivedAt - announcements[0].receivedAt).toBeGreaterThanOrEqual(900);
  });

  it('never announces or answers for a device with the refuse fault', async () => {
    const refusing = fleet.devices[REFUSING];
    const online = fleet.devices[0];
    querier.query([
      { name: shellyFqdn(refusing), type: 'SRV' },
      { name: shellyFqdn(online), type: 'SRV' },
    ]);
    const reply = await querier.waitFor((packets) =>
      packets.find((p) =>
        p.answers.some((r) => r.type === 'SRV' && r.name === shellyFqdn(online) && p.additionals.length > 0),
      ),
    );
    expect(find(reply.answers, 'SRV', shellyFqdn(refusing))).toBeUndefined();
    const names = querier.records().map((record) => `${record.name} ${String(record.data)}`);
    expect(names.filter((name) => name.includes(refusing.mac) || name.includes(refusing.id))).toEqual([]);
  });

  it('answers SRV, TXT and A queries for instance and host names', async () => {
    const device = fleet.devices[2];
    querier.query([
      { name: httpFqdn(device), type: 'TXT' },
      { name: hostName(device), type: 'A' },
    ]);
    const packet = await querier.waitFor((packets) =>
      packets.find((p) => find(p.answers, 'TXT', httpFqdn(device)) && find(p.answers, 'A', hostName(device))),
    );
    expect(txtStrings(find(packet.answers, 'TXT', httpFqdn(device)) as SeenRecord)).toContain(
      `gen=${device.gen}`,
    );
    expect(find(packet.answers, 'A', hostName(device))?.data).toBe('127.0.0.1');
  });

  it('lists both service types for a _services._dns-sd._udp meta query', async () => {
    querier.query([{ name: '_services._dns-sd._udp.local', type: 'PTR' }]);
    await querier.waitFor((packets) => {
      const data = packets.flatMap((p) => p.answers).filter((r) => r.name === '_services._dns-sd._udp.local');
      const types = new Set(data.map((r) => r.data));
      return types.has('_http._tcp.local') && types.has('_shelly._tcp.local') ? true : undefined;
    });
  });

  it('says goodbye when a reboot starts and announces again on the same port after boot', async () => {
    const device = fleet.devices[1];
    const from = querier.packets.length;
    await rpcResult(device.port, 'Shelly.Reboot');
    const goodbye = await querier.waitFor((packets) => {
      const index = packetWith(packets, from, 'SRV', shellyFqdn(device), false);
      return index >= 0 ? index : undefined;
    }, 3000);
    expect(find(querier.packets[goodbye].answers, 'A', hostName(device))?.ttl).toBe(0);
    expect(find(querier.packets[goodbye].answers, 'PTR', '_shelly._tcp.local')?.ttl).toBe(0);
    const back = await querier.waitFor((packets) => {
      const index = packetWith(packets, goodbye + 1, 'SRV', shellyFqdn(device), true);
      return index >= 0 ? index : undefined;
    }, 5000);
    expect(find(querier.packets[back].answers, 'SRV', shellyFqdn(device))?.data).toMatchObject({
      port: device.port,
    });
    expect(device.isOnline).toBe(true);
    expect(await probeTcp(device.port)).toBe('open');
  });

  it('withdraws a device that starts refusing and re-announces it when the fault clears', async () => {
    const device = fleet.devices[2];
    const from = querier.packets.length;
    device.setFault('refuse');
    const goodbye = await querier.waitFor((packets) => {
      const index = packetWith(packets, from, 'SRV', httpFqdn(device), false);
      return index >= 0 ? index : undefined;
    });
    device.setFault(null);
    await querier.waitFor((packets) => {
      const index = packetWith(packets, goodbye + 1, 'SRV', httpFqdn(device), true);
      return index >= 0 ? index : undefined;
    });
    await waitUntil(async () => (await probeTcp(device.port)) === 'open');
  });
});
