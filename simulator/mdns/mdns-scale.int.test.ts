import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../index';
import { rpcResult } from '../test-support/http-client';
import { assertOnlyLoopbackInterfaces } from '../test-support/loopback-guard';
import { MdnsQuerier } from '../test-support/mdns-querier';

assertOnlyLoopbackInterfaces();

const COUNT = 1000;
// RFC 6762 §17: at most 9000 bytes including the IPv4 (20) and UDP (8) headers.
const MAX_PACKET_BYTES = 9000 - 28;

let fleet: ShellyFleet;
let querier: MdnsQuerier;
let sniffer: dgram.Socket;
const packetSizes: number[] = [];

beforeAll(async () => {
  sniffer = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  sniffer.on('message', (message) => packetSizes.push(message.length));
  await new Promise<void>((resolve) => sniffer.bind(5353, '0.0.0.0', resolve));
  sniffer.addMembership('224.0.0.251', '127.0.0.1');
  querier = await MdnsQuerier.start();
  fleet = await startShellyFleet({ count: COUNT, seed: 51, bootTimeMs: 500 });
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
  await querier?.stop();
  await new Promise<void>((resolve) => sniffer.close(() => resolve()));
});

describe('a 1,000-device fleet', () => {
  it('answers one _shelly._tcp browse with every device, split into packets within the RFC 6762 size limit', async () => {
    const expected = new Set(fleet.devices.map((device) => `${device.id}._shelly._tcp.local`));
    const from = querier.packets.length;
    querier.query([{ name: '_shelly._tcp.local', type: 'PTR' }]);
    const replies = await querier.waitFor((packets) => {
      const browse = packets.slice(from).filter((p) => p.additionals.some((r) => r.type === 'SRV'));
      const seen = new Set(browse.flatMap((p) => p.answers).map((r) => String(r.data)));
      return [...expected].every((name) => seen.has(name)) ? browse : undefined;
    }, 15_000);
    expect(replies.length).toBeGreaterThan(1);
    const srvs = replies
      .flatMap((p) => p.additionals)
      .filter((r) => r.type === 'SRV' && expected.has(r.name));
    expect(new Set(srvs.map((r) => r.name)).size).toBe(COUNT);
    expect(Math.max(...packetSizes)).toBeLessThanOrEqual(MAX_PACKET_BYTES);
  });

  it('serves every device on its own port', async () => {
    expect(new Set(fleet.devices.map((device) => device.port)).size).toBe(COUNT);
    const sample = [0, 499, 999].map((index) => fleet.devices[index]);
    for (const device of sample) {
      expect(await rpcResult(device.port, 'Shelly.GetDeviceInfo')).toMatchObject({ id: device.id });
    }
  });
});
