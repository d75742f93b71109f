import { describe, expect, it } from 'vitest';
import dnsPacket from 'dns-packet';
import { decodeTxt, DnsSdCache, type MdnsRecord } from './dns-sd-cache';

const TYPES = new Map([
  ['_shelly._tcp.local', 'shelly'],
  ['_http._tcp.local', 'http'],
]);
const ptr = (type: string, instance: string, ttl = 4500): MdnsRecord => ({
  name: `_${type}._tcp.local`,
  type: 'PTR',
  ttl,
  data: `${instance}._${type}._tcp.local`,
});
const srv = (type: string, instance: string, host: string, port: number, ttl = 120): MdnsRecord => ({
  name: `${instance}._${type}._tcp.local`,
  type: 'SRV',
  ttl,
  data: { target: host, port, priority: 0, weight: 0 },
});
const txt = (type: string, instance: string, entries: string[]): MdnsRecord => ({
  name: `${instance}._${type}._tcp.local`,
  type: 'TXT',
  ttl: 120,
  data: entries.map((e) => Buffer.from(e)),
});
const a = (host: string, address: string): MdnsRecord => ({ name: host, type: 'A', ttl: 120, data: address });

describe('DnsSdCache', () => {
  it('announces a service once PTR, SRV and address are known, with its TXT', () => {
    const cache = new DnsSdCache(TYPES);
    const events = cache.apply(
      [
        ptr('shelly', 'shellyplus1pm-a8'),
        srv('shelly', 'shellyplus1pm-a8', 'ShellyPlus1PM-A8.local', 8001),
        txt('shelly', 'shellyplus1pm-a8', ['gen=2', 'app=Plus1PM', 'ver=1.4.2']),
        a('ShellyPlus1PM-A8.local', '192.0.2.8'),
      ],
      '192.0.2.99',
      0,
    );
    expect(events).toEqual([
      {
        kind: 'up',
        service: {
          type: 'shelly',
          name: 'shellyplus1pm-a8',
          host: 'shellyplus1pm-a8.local',
          address: '192.0.2.8',
          port: 8001,
          txt: { gen: '2', app: 'Plus1PM', ver: '1.4.2' },
        },
      },
    ]);
    // The same answer again changes nothing.
    expect(
      cache.apply(
        [
          ptr('shelly', 'shellyplus1pm-a8'),
          srv('shelly', 'shellyplus1pm-a8', 'ShellyPlus1PM-A8.local', 8001),
        ],
        '192.0.2.99',
        1,
      ),
    ).toEqual([]);
  });

  it('falls back to the sender address without an A record, and re-announces when TXT or port change', () => {
    const cache = new DnsSdCache(TYPES);
    cache.apply([ptr('http', 'X'), srv('http', 'X', 'x.local', 80)], '127.0.0.1', 0);
    const changed = cache.apply(
      [srv('http', 'X', 'x.local', 81), txt('http', 'X', ['ver=2'])],
      '127.0.0.1',
      1,
    );
    expect(changed).toEqual([
      { kind: 'up', service: expect.objectContaining({ address: '127.0.0.1', port: 81, txt: { ver: '2' } }) },
    ]);
  });

  it('asks for SRV/TXT when only a PTR arrived', () => {
    const cache = new DnsSdCache(TYPES);
    expect(cache.apply([ptr('http', 'Y')], '127.0.0.1', 0)).toEqual([
      { kind: 'resolve', instance: 'y._http._tcp.local' },
    ]);
    expect(cache.apply([ptr('http', 'Y')], '127.0.0.1', 1)).toEqual([]);
  });

  it('reports goodbyes (TTL 0) and expiry, each once', () => {
    const cache = new DnsSdCache(TYPES);
    cache.apply(
      [
        ptr('shelly', 'a', 10),
        srv('shelly', 'a', 'a.local', 1),
        ptr('shelly', 'b', 10),
        srv('shelly', 'b', 'b.local', 2),
      ],
      '127.0.0.1',
      0,
    );
    expect(cache.apply([ptr('shelly', 'a', 0)], '127.0.0.1', 1)).toMatchObject([
      { kind: 'down', reason: 'goodbye', service: { name: 'a' } },
    ]);
    expect(cache.apply([ptr('shelly', 'a', 0)], '127.0.0.1', 2)).toEqual([]);
    expect(cache.expire(5_000)).toEqual([]);
    expect(cache.expire(10_001)).toMatchObject([{ kind: 'down', reason: 'expired', service: { name: 'b' } }]);
    expect(cache.expire(20_000)).toEqual([]);
  });

  it('ignores types not browsed, case differences, and junk records', () => {
    const cache = new DnsSdCache(TYPES);
    const events = cache.apply(
      [
        ptr('printer', 'P'),
        { name: '_SHELLY._TCP.LOCAL', type: 'PTR', ttl: 120, data: 'Mixed._shelly._tcp.local' },
        { name: 'mixed._shelly._tcp.local', type: 'SRV', ttl: 120, data: { target: 'm.local', port: 70000 } },
        { name: 'mixed._shelly._tcp.local', type: 'SRV', ttl: 120, data: null },
        { name: 'mixed._shelly._tcp.local', type: 'SRV', ttl: 120, data: { target: 'm.local', port: 5 } },
        {
          name: 'mixed._shelly._tcp.local',
          type: 'TXT',
          ttl: 120,
          data: [Buffer.from('=novalue'), Buffer.from([0xff, 0x00]), 'ok=1'],
        },
      ],
      '127.0.0.1',
      0,
    );
    expect(events).toEqual([
      { kind: 'up', service: expect.objectContaining({ name: 'Mixed', port: 5, txt: { ok: '1' } }) },
    ]);
  });
});

describe('decodeTxt', () => {
  it('keeps the first of duplicate keys, lower-cases keys, allows empty values, caps entries', () => {
    expect(decodeTxt([Buffer.from('A=1'), Buffer.from('a=2'), Buffer.from('flag')])).toEqual({
      a: '1',
      flag: '',
    });
    expect(
      Object.keys(decodeTxt(Array.from({ length: 200 }, (_, i) => Buffer.from(`k${i}=v`)))),
    ).toHaveLength(64);
    expect(decodeTxt('not-an-array=1')).toEqual({ 'not-an-array': '1' });
    expect(decodeTxt(42)).toEqual({});
  });
});

/** One packet through the real wire encoder (dns-packet, what multicast-dns sends), decoded back. */
function wirePacket(answers: MdnsRecord[], additionals: MdnsRecord[] = []): MdnsRecord[] {
  const bytes = dnsPacket.encode({
    type: 'response',
    flags: dnsPacket.AUTHORITATIVE_ANSWER,
    answers: answers as dnsPacket.Answer[],
    additionals: additionals as dnsPacket.Answer[],
  });
  const decoded = dnsPacket.decode(bytes);
  return [...(decoded.answers ?? []), ...(decoded.additionals ?? [])] as MdnsRecord[];
}

describe('DnsSdCache with records in any order (PROTOCOLS.md §5b: a Shelly Wall Display sends TXT/SRV/A before the PTR)', () => {
  const instance = 'ShellyWallDisplay-000822AABBCC';
  const host = `${instance}.local`;
  const expected = {
    kind: 'up',
    service: {
      type: 'shelly',
      name: instance,
      host: host.toLowerCase(),
      address: '192.0.2.40',
      port: 80,
      txt: { gen: '2', app: 'WallDisplay', ver: '2.4.4' },
    },
  };
  const records = [
    txt('shelly', instance, ['gen=2', 'app=WallDisplay', 'ver=2.4.4']),
    srv('shelly', instance, host, 80),
    a(host, '192.0.2.40'),
    ptr('shelly', instance),
  ];

  it('announces a service whose TXT, SRV and A come before its PTR in one packet', () => {
    const cache = new DnsSdCache(TYPES);
    expect(cache.apply(wirePacket(records), '192.0.2.99', 0)).toEqual([expected]);
  });

  it('merges answers and additionals by name, whichever section holds the PTR', () => {
    const cache = new DnsSdCache(TYPES);
    const [txtRecord, srvRecord, aRecord, ptrRecord] = records;
    expect(
      cache.apply(wirePacket([txtRecord!, srvRecord!], [aRecord!, ptrRecord!]), '192.0.2.99', 0),
    ).toEqual([expected]);
  });

  it('withdraws on a goodbye whose SRV comes before its PTR', () => {
    const cache = new DnsSdCache(TYPES);
    cache.apply(wirePacket(records), '192.0.2.99', 0);
    const goodbye = wirePacket([srv('shelly', instance, host, 80, 0), ptr('shelly', instance, 0)]);
    expect(cache.apply(goodbye, '192.0.2.99', 1)).toMatchObject([
      { kind: 'down', reason: 'goodbye', service: { name: instance } },
    ]);
  });
});
