import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../test-support/http-client';
import { assertOnlyLoopbackInterfaces } from '../test-support/loopback-guard';
import { MdnsQuerier } from '../test-support/mdns-querier';
import { MdnsResponder } from './mdns-responder';
import type { MdnsAdvert } from './mdns-types';

assertOnlyLoopbackInterfaces();

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function advert(label: string, port: number): MdnsAdvert {
  return {
    key: label,
    host: `${label}.local`,
    address: '127.0.0.1',
    port,
    txt: ['gen=2'],
    services: [{ type: '_fbtest._tcp.local', instance: label }],
  };
}

async function started(): Promise<{ responder: MdnsResponder; querier: MdnsQuerier; warnings: Error[] }> {
  const warnings: Error[] = [];
  const querier = await MdnsQuerier.start();
  cleanups.push(() => querier.stop());
  const responder = await MdnsResponder.start({
    onWarning: (error) => warnings.push(error),
    announceRepeatMs: 200,
  });
  cleanups.push(() => responder.stop());
  return { responder, querier, warnings };
}

function sendRawMulticast(bytes: Buffer): Promise<void> {
  const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  return new Promise((resolve, reject) => {
    socket.bind(0, '127.0.0.1', () => {
      socket.setMulticastInterface('127.0.0.1');
      socket.send(bytes, 5353, '224.0.0.251', (error) => {
        socket.close();
        if (error) reject(error);
        else resolve();
      });
    });
  });
}

/** A one-question DNS query (class IN), hand-encoded so the test does not share the responder's codec. */
function encodeQuery(id: number, name: string, type: number): Buffer {
  const labels = name
    .split('.')
    .map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)]));
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(1, 4);
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(type, 0);
  tail.writeUInt16BE(1, 2);
  return Buffer.concat([header, ...labels, Buffer.from([0]), tail]);
}

describe('MdnsResponder', () => {
  it('refuses any interface other than 127.0.0.1', async () => {
    await expect(MdnsResponder.start({ interface: '0.0.0.0' })).rejects.toThrow(/only 127\.0\.0\.1/);
    await expect(MdnsResponder.start({ interface: '198.51.100.10' })).rejects.toThrow(/only 127\.0\.0\.1/);
  });

  it('refuses to advertise a non-loopback address', async () => {
    const { responder } = await started();
    expect(() => responder.publish({ ...advert('fb-lan', 80), address: '198.51.100.10' })).toThrow(
      /non-loopback/,
    );
  });

  it('survives malformed packets and keeps answering', async () => {
    const { responder, querier, warnings } = await started();
    responder.publish(advert('fb-robust', 8080));
    await sendRawMulticast(Buffer.from([0x00, 0x01, 0x00, 0x00, 0x00, 0x05, 0xff]));
    await sendRawMulticast(Buffer.from('definitely not dns'));
    await waitUntil(() => warnings.length >= 2, { what: 'decode warnings' });
    querier.query([{ name: 'fb-robust._fbtest._tcp.local', type: 'SRV' }]);
    // A query answer carries the A record as an additional; the boot announcement has none.
    const reply = await querier.waitFor((packets) =>
      packets.find((p) => p.additionals.length > 0 && p.answers.some((r) => r.type === 'SRV')),
    );
    expect(reply.answers[0]).toMatchObject({
      name: 'fb-robust._fbtest._tcp.local',
      data: { port: 8080, target: 'fb-robust.local' },
    });
    expect(reply.additionals[0]).toMatchObject({ type: 'A', name: 'fb-robust.local', data: '127.0.0.1' });
  });

  it('sends a goodbye for everything still published when stopped', async () => {
    const { responder, querier } = await started();
    responder.publish(advert('fb-bye-1', 1001));
    responder.publish(advert('fb-bye-2', 1002));
    await responder.stop();
    await querier.waitFor((packets) => {
      const goodbyes = packets.flatMap((p) => p.answers).filter((r) => r.type === 'SRV' && r.ttl === 0);
      const names = new Set(goodbyes.map((r) => r.name));
      return names.has('fb-bye-1._fbtest._tcp.local') && names.has('fb-bye-2._fbtest._tcp.local')
        ? true
        : undefined;
    });
  });

  it('stops answering for a withdrawn advert', async () => {
    const { responder, querier } = await started();
    responder.publish(advert('fb-gone', 2001));
    responder.publish(advert('fb-kept', 2002));
    responder.withdraw('fb-gone');
    querier.query([{ name: '_fbtest._tcp.local', type: 'PTR' }]);
    const reply = await querier.waitFor((packets) =>
      packets.find((p) => p.answers.some((r) => r.type === 'PTR' && r.data === 'fb-kept._fbtest._tcp.local')),
    );
    expect(reply.answers.some((r) => r.data === 'fb-gone._fbtest._tcp.local')).toBe(false);
  });

  it('answers a legacy query from a port other than 5353 by unicast, echoing the query id', async () => {
    const { responder } = await started();
    responder.publish(advert('fb-legacy', 3001));
    const socket = dgram.createSocket('udp4');
    cleanups.push(() => new Promise((resolve) => socket.close(() => resolve())));
    const reply = new Promise<Buffer>((resolve) => socket.once('message', (message) => resolve(message)));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    socket.setMulticastInterface('127.0.0.1');
    socket.send(encodeQuery(0x1092, '_fbtest._tcp.local', 12), 5353, '224.0.0.251');
    const message = await reply;
    expect(message.readUInt16BE(0)).toBe(0x1092);
    expect(message.readUInt16BE(2) & 0x8000).toBe(0x8000);
    expect(message.readUInt16BE(4)).toBe(1);
    expect(message.readUInt16BE(6)).toBe(1);
    expect(message.readUInt16BE(10)).toBe(3);
  });
});
