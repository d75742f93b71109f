import makeMdns from 'multicast-dns';
import { afterEach, describe, expect, it } from 'vitest';
import { listFixtures, readFixtureJson } from '../../../conformance/fixture-files';
import { silentLogger } from '../logging/json-logger';
import { MdnsBrowser, type BrowsedService } from './mdns-browser';
import { decodeTxt } from './mdns/dns-sd-cache';

/**
 * Real Shelly mDNS response packets (fixtures/real-devices/mdns, decoded records in wire order; sources in its
 * SOURCES.md) sent again over loopback multicast in their captured order, answers and additionals as captured,
 * and browsed by the app: every service instance the packet names must come up with its port, address and TXT.
 */
type WireRecord = NonNullable<makeMdns.ResponseOutgoingPacket['answers']>[number];
interface CapturedPacket {
  answers: WireRecord[];
  additionals: WireRecord[];
}
interface DecodedRecord {
  name: string;
  type: string;
  data: unknown;
}

const BROWSED = new Map([
  ['_shelly._tcp.local', 'shelly'],
  ['_http._tcp.local', 'http'],
]);

/** What the packet says of each browsed instance, read straight from the captured records. */
function expectedServices(packet: CapturedPacket): Partial<BrowsedService>[] {
  const records = [...packet.answers, ...packet.additionals] as DecodedRecord[];
  const find = (type: string, name: string) =>
    records.find((r) => r.type === type && r.name.toLowerCase() === name.toLowerCase());
  return records
    .filter((r) => r.type === 'PTR' && BROWSED.has(r.name))
    .map((ptr) => {
      const fqdn = String(ptr.data);
      const srv = find('SRV', fqdn)!.data as { target: string; port: number };
      const txt = find('TXT', fqdn)?.data as string[] | undefined;
      return {
        type: BROWSED.get(ptr.name),
        name: fqdn.slice(0, -(ptr.name.length + 1)),
        port: srv.port,
        address: String(find('A', srv.target)!.data),
        txt: decodeTxt((txt ?? []).map((s) => Buffer.from(s))),
      };
    });
}

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function respondWith(packet: CapturedPacket): Promise<void> {
  const responder = makeMdns({ interface: '127.0.0.1', bind: '0.0.0.0', loopback: true, reuseAddr: true });
  cleanup.push(() => new Promise<void>((resolve) => responder.destroy(() => resolve())));
  responder.on('query', (query) => {
    if (query.questions.some((q) => q.type === 'PTR' && BROWSED.has(q.name)))
      responder.respond({ answers: packet.answers, additionals: packet.additionals });
  });
  await new Promise((resolve) => responder.once('ready', resolve));
}

function browseUntil(count: number): Promise<BrowsedService[]> {
  const browser = new MdnsBrowser({ requireLoopbackOnly: true, logger: silentLogger });
  cleanup.push(() => browser.destroy());
  const seen = new Map<string, BrowsedService>();
  return new Promise((resolve, reject) => {
    for (const type of BROWSED.values()) {
      browser.browse(type, {
        up: (service) => {
          seen.set(`${service.type}|${service.name}`, service);
          if (seen.size >= count) resolve([...seen.values()]);
        },
        down: () => undefined,
        error: reject,
      });
    }
  });
}

describe.each(listFixtures('mdns', '.json'))('the real mDNS packet %s, replayed in its order', (file) => {
  it('brings up every service instance it names, with port, address and TXT', async () => {
    const packet = readFixtureJson<CapturedPacket>('mdns', file);
    const expected = expectedServices(packet);
    expect(expected.length).toBeGreaterThan(0);
    await respondWith(packet);
    const services = await browseUntil(expected.length);
    expect(services).toHaveLength(expected.length);
    for (const service of expected) expect(services).toContainEqual(expect.objectContaining(service));
  });
});
