import makeMdns from 'multicast-dns';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/json-logger';
import { MdnsBrowser, type BrowsedService } from './mdns-browser';

/**
 * The browser over real multicast on loopback (this test's network namespace), fed by a raw multicast-dns
 * socket that answers each PTR query with one packet whose records come in the order a responder chose.
 */
type WireRecord = NonNullable<makeMdns.ResponseOutgoingPacket['answers']>[number];

const INSTANCE = 'ShellyWallDisplay-000822AABBCC';
const FQDN = `${INSTANCE}._shelly._tcp.local`;
const HOST = `${INSTANCE}.local`;

const RECORDS: Record<'ptr' | 'srv' | 'txt' | 'a', WireRecord> = {
  ptr: { name: '_shelly._tcp.local', type: 'PTR', ttl: 4500, data: FQDN },
  srv: {
    name: FQDN,
    type: 'SRV',
    ttl: 120,
    flush: true,
    data: { target: HOST, port: 8080, priority: 0, weight: 0 },
  },
  txt: { name: FQDN, type: 'TXT', ttl: 4500, flush: true, data: ['gen=2', 'app=WallDisplay', 'ver=2.4.4'] },
  a: { name: HOST, type: 'A', ttl: 120, flush: true, data: '127.0.0.1' },
};

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** A responder answering every `_shelly._tcp` PTR query with `answers` (+ `additionals`) in the given order. */
async function respondWith(answers: WireRecord[], additionals: WireRecord[] = []): Promise<void> {
  const responder = makeMdns({ interface: '127.0.0.1', bind: '0.0.0.0', loopback: true, reuseAddr: true });
  responder.on('query', (query) => {
    if (query.questions.some((q) => q.name === '_shelly._tcp.local' && q.type === 'PTR'))
      responder.respond({ answers, additionals });
  });
  cleanup.push(() => new Promise<void>((resolve) => responder.destroy(() => resolve())));
  await new Promise((resolve) => responder.once('ready', resolve));
}

function firstUp(): Promise<BrowsedService> {
  const browser = new MdnsBrowser({ requireLoopbackOnly: true, logger: silentLogger });
  cleanup.push(() => browser.destroy());
  return new Promise((resolve, reject) => {
    browser.browse('shelly', { up: resolve, down: () => undefined, error: reject });
  });
}

describe('MdnsBrowser over loopback multicast', () => {
  const expected = {
    type: 'shelly',
    name: INSTANCE,
    address: '127.0.0.1',
    port: 8080,
    txt: { gen: '2', app: 'WallDisplay', ver: '2.4.4' },
  };

  it('finds a service whose packet carries TXT, SRV and A before the PTR (Wall Display order, §5b)', async () => {
    await respondWith([RECORDS.txt, RECORDS.srv, RECORDS.a, RECORDS.ptr]);
    await expect(firstUp()).resolves.toMatchObject(expected);
  });

  it('finds a service whose SRV/TXT are answers and whose PTR is an additional', async () => {
    await respondWith([RECORDS.srv, RECORDS.txt], [RECORDS.a, RECORDS.ptr]);
    await expect(firstUp()).resolves.toMatchObject(expected);
  });
});
