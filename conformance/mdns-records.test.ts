import { describe, expect, it } from 'vitest';
import { DnsSdCache, type MdnsRecord } from '../electron/core/discovery/mdns/dns-sd-cache';
import { ShellyDriver } from '../electron/core/drivers/shelly/shelly-driver';
import type { ShellyRpcClient } from '../electron/core/drivers/shelly/shelly-rpc-client';
import { listFixtures, readFixtureJson } from './fixture-files';

// Real mDNS responses of Shelly devices (fixtures/real-devices/mdns), records in the order they arrived.

interface Packet {
  answers: MdnsRecord[];
  additionals: MdnsRecord[];
}

const TYPES = new Map([
  ['_shelly._tcp.local', 'shelly'],
  ['_http._tcp.local', 'http'],
]);

// recognizes() reads only the announcement; the RPC client is never called.
const driver = new ShellyDriver({ rpc: {} as ShellyRpcClient, clock: { now: () => 0 } });

const packets = listFixtures('mdns', '.json').map(
  (file) => [file, readFixtureJson<Packet>('mdns', file)] as const,
);

describe.each(packets)('real mDNS response %s', (_file, packet) => {
  const records = [...packet.answers, ...packet.additionals];
  const address = records.find((r) => r.type === 'A')!.data as string;
  const up = (input: readonly MdnsRecord[]) =>
    new DnsSdCache(TYPES)
      .apply(input, address, 0)
      .flatMap((e) => (e.kind === 'up' ? [e.service] : []))
      .sort((a, b) => `${a.type}/${a.name}`.localeCompare(`${b.type}/${b.name}`));

  it('announces every advertised Shelly instance in one packet, whatever the record order', () => {
    const ptrTargets = records.filter((r) => r.type === 'PTR' && TYPES.has(r.name)).map((r) => r.data);
    const services = up(records);
    expect(services.map((s) => `${s.name}._${s.type}._tcp.local`).sort()).toEqual([...ptrTargets].sort());
    for (const service of services) {
      expect(service.address).toBe(address);
      expect(service.port).toBe(80);
    }
    expect(up([...records].reverse())).toEqual(services);
  });

  it('lets the Shelly driver recognise the device from its own instance', () => {
    const services = up(records);
    expect(services.some((s) => /^shelly/i.test(s.name) && driver.recognizes(s))).toBe(true);
    for (const s of services.filter((s) => driver.recognizes(s)))
      expect(Number(s.txt.gen)).toBeGreaterThanOrEqual(2);
  });
});

describe('the real mDNS set', () => {
  it('holds a response whose TXT comes before its PTR', () => {
    const early = packets.filter(([, p]) => {
      const records = [...p.answers, ...p.additionals];
      return records.findIndex((r) => r.type === 'TXT') < records.findIndex((r) => r.type === 'PTR');
    });
    expect(early.map(([file]) => file)).toContain('shelly-wall-display-2.6.2.json');
  });
});
