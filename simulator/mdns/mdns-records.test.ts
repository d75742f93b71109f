import { describe, expect, it } from 'vitest';
import {
  aRecord,
  announcementGroup,
  browseGroup,
  encodedNameLength,
  HEADER_BYTES,
  type MdnsRecord,
  packGroups,
  ptrRecord,
  recordBytes,
  srvRecord,
  txtRecord,
} from './mdns-records';
import type { MdnsAdvert } from './mdns-types';

const ttlOf = (record: MdnsRecord): number | undefined => ('ttl' in record ? record.ttl : undefined);
const dataOf = (record: MdnsRecord): unknown => ('data' in record ? record.data : undefined);

function advert(index: number): MdnsAdvert {
  const mac = `A8032A${index.toString(16).toUpperCase().padStart(6, '0')}`;
  return {
    key: `shellyplus1pm-${mac.toLowerCase()}`,
    host: `ShellyPlus1PM-${mac}.local`,
    address: '127.0.0.1',
    port: 40000 + index,
    txt: ['gen=2', 'app=Plus1PM', 'ver=1.4.4'],
    services: [
      { type: '_http._tcp.local', instance: `ShellyPlus1PM-${mac}` },
      { type: '_shelly._tcp.local', instance: `shellyplus1pm-${mac.toLowerCase()}` },
    ],
  };
}

describe('record sizes', () => {
  it('counts name labels with their length bytes and the root byte', () => {
    expect(encodedNameLength('a.local')).toBe(1 + 1 + 1 + 5 + 1);
    expect(encodedNameLength('')).toBe(1);
  });

  it('sizes each record type as name + 10 + rdata', () => {
    const device = advert(1);
    const service = device.services[1];
    const serviceName = encodedNameLength('shellyplus1pm-a8032a000001._shelly._tcp.local');
    expect(recordBytes(aRecord(device))).toBe(encodedNameLength(device.host) + 10 + 4);
    expect(recordBytes(ptrRecord(service))).toBe(encodedNameLength('_shelly._tcp.local') + 10 + serviceName);
    expect(recordBytes(srvRecord(device, service))).toBe(
      serviceName + 10 + 6 + encodedNameLength(device.host),
    );
    expect(recordBytes(txtRecord(device, service))).toBe(serviceName + 10 + (1 + 5) + (1 + 11) + (1 + 9));
  });
});

describe('packGroups', () => {
  const groups = Array.from({ length: 1000 }, (_, index) =>
    browseGroup(advert(index), advert(index).services[1]),
  );

  it('keeps every packet under the limit and loses no record', () => {
    const packets = packGroups(groups, 9000);
    expect(packets.length).toBeGreaterThan(1);
    for (const packet of packets) {
      const bytes = [...packet.answers, ...packet.additionals].reduce(
        (sum, record) => sum + recordBytes(record),
        0,
      );
      expect(HEADER_BYTES + bytes).toBeLessThanOrEqual(9000);
    }
    expect(packets.flatMap((packet) => packet.answers)).toHaveLength(1000);
    expect(packets.flatMap((packet) => packet.additionals)).toHaveLength(3000);
  });

  it('keeps a PTR answer in the same packet as its SRV, TXT and A', () => {
    for (const packet of packGroups(groups, 2000)) {
      const targets = new Set(
        packet.additionals.filter((record) => record.type === 'SRV').map((record) => record.name),
      );
      for (const answer of packet.answers) expect(targets.has(dataOf(answer) as string)).toBe(true);
    }
  });

  it('gives a group larger than the limit a packet of its own', () => {
    const big = announcementGroup(advert(1));
    const packets = packGroups([announcementGroup(advert(0)), big, announcementGroup(advert(2))], 100);
    expect(packets).toHaveLength(3);
    expect(packets[1].answers).toEqual(big.answers);
  });

  it('announces with normal TTLs and says goodbye with TTL 0 for every record', () => {
    expect(announcementGroup(advert(0)).answers.every((record) => (ttlOf(record) ?? 0) > 0)).toBe(true);
    const goodbye = announcementGroup(advert(0), true).answers;
    expect(goodbye).toHaveLength(7);
    expect(goodbye.every((record) => ttlOf(record) === 0)).toBe(true);
  });
});

describe('record order', () => {
  const wallDisplay: MdnsAdvert = { ...advert(3), recordOrder: 'wall-display' };
  const types = (records: readonly MdnsRecord[]) => records.map((record) => record.type);

  it('puts the PTR first by default and the TXT before the PTR in the Wall Display order', () => {
    const [, shelly] = wallDisplay.services;
    expect(types(browseGroup(advert(3), shelly).answers)).toEqual(['PTR']);
    expect(types(browseGroup(wallDisplay, shelly).answers)).toEqual(['TXT', 'PTR', 'SRV', 'A']);
    expect(browseGroup(wallDisplay, shelly).additionals).toEqual([]);
  });

  // The order of fixtures/real-devices/mdns/shelly-wall-display-2.6.2.json (a real Wall Display's packet),
  // without its reverse-address PTR and NSEC additionals.
  it('announces and says goodbye in the order a real Wall Display sent', () => {
    for (const goodbye of [false, true]) {
      const answers = announcementGroup(wallDisplay, goodbye).answers;
      expect(answers.map((r) => `${r.type} ${r.name}`)).toEqual([
        `TXT ${wallDisplay.services[0].instance}._http._tcp.local`,
        'PTR _services._dns-sd._udp.local',
        'PTR _http._tcp.local',
        `TXT ${wallDisplay.services[1].instance}._shelly._tcp.local`,
        'PTR _services._dns-sd._udp.local',
        'PTR _shelly._tcp.local',
        `SRV ${wallDisplay.services[0].instance}._http._tcp.local`,
        `SRV ${wallDisplay.services[1].instance}._shelly._tcp.local`,
        `A ${wallDisplay.host}`,
      ]);
      expect(answers.every((record) => (ttlOf(record) === 0) === goodbye)).toBe(true);
    }
    expect(types(announcementGroup(advert(3)).answers)).toEqual([
      'PTR',
      'SRV',
      'TXT',
      'PTR',
      'SRV',
      'TXT',
      'A',
    ]);
  });
});
