import { Bonjour, type Browser as BonjourBrowser, type Service } from 'bonjour-service';
import makeMdns from 'multicast-dns';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../logging/json-logger';
import { MdnsBrowser, type BrowsedService } from './mdns-browser';

/**
 * docs/mdns-library-choice.md, shown: bonjour-service's browser (1.4.4, dist/lib/browser.js) and the app's
 * MdnsBrowser side by side on the same loopback multicast traffic, sent by a raw multicast-dns responder.
 */
type WireRecord = NonNullable<makeMdns.ResponseOutgoingPacket['answers']>[number];

const TYPE = '_shelly._tcp.local';
const fqdn = (instance: string) => `${instance}.${TYPE}`;
const records = (instance: string, ttl = 120) => ({
  ptr: { name: TYPE, type: 'PTR', ttl, data: fqdn(instance) } as WireRecord,
  details: [
    {
      name: fqdn(instance),
      type: 'SRV',
      ttl,
      data: { target: `${instance}.local`, port: 8080, priority: 0, weight: 0 },
    },
    { name: fqdn(instance), type: 'TXT', ttl, data: ['gen=2', 'app=Plus1PM'] },
    { name: `${instance}.local`, type: 'A', ttl, data: '127.0.0.1' },
  ] as WireRecord[],
});

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function responder(
  onQuery: (mdns: makeMdns.MulticastDNS, query: makeMdns.QueryPacket) => void = () => {},
) {
  const mdns = makeMdns({ interface: '127.0.0.1', bind: '0.0.0.0', loopback: true, reuseAddr: true });
  cleanup.push(() => new Promise<void>((resolve) => mdns.destroy(() => resolve())));
  mdns.on('query', (query) => onQuery(mdns, query));
  await new Promise((resolve) => mdns.once('ready', resolve));
  return mdns;
}

/** Both browsers on `_shelly._tcp`, recording what each reported. */
function browseWithBoth() {
  const seen = { app: [] as string[], bonjour: [] as string[] };
  const app = new MdnsBrowser({ requireLoopbackOnly: true, logger: silentLogger });
  const appUp = new Map<string, (s: BrowsedService) => void>();
  app.browse('shelly', {
    up: (s) => {
      seen.app.push(`up ${s.name}`);
      appUp.get(s.name)?.(s);
    },
    down: (s, reason) => seen.app.push(`down ${s.name} ${reason}`),
    error: () => undefined,
  });
  const bonjour = new Bonjour({}, () => undefined);
  const bonjourUp = new Map<string, (s: Service) => void>();
  const browser: BonjourBrowser = bonjour.find({ type: 'shelly' });
  browser.on('up', (s: Service) => {
    seen.bonjour.push(`up ${s.name}`);
    bonjourUp.get(s.name)?.(s);
  });
  browser.on('down', (s: Service) => seen.bonjour.push(`down ${s.name}`));
  cleanup.push(
    () => app.destroy(),
    () => new Promise<void>((resolve) => bonjour.destroy(() => resolve())),
  );
  /** Resolves once `instance` came up in the browsers named (a marker proves every earlier packet was read). */
  const upIn = (instance: string, who: Array<'app' | 'bonjour'> = ['app', 'bonjour']) =>
    Promise.all(
      who.map((w) =>
        seen[w].includes(`up ${instance}`)
          ? Promise.resolve()
          : new Promise<void>((resolve) => (w === 'app' ? appUp : bonjourUp).set(instance, () => resolve())),
      ),
    );
  return { seen, app, browser, upIn };
}

describe('bonjour-service browser vs the app browser', () => {
  it('both take TXT, SRV and A before the PTR in one packet (bonjour-service gets record order right)', async () => {
    const { ptr, details } = records('any-order');
    await responder((m, q) => {
      if (q.questions.some((x) => x.type === 'PTR' && x.name === TYPE))
        m.respond({ answers: [...details, ptr] });
    });
    const { seen, upIn } = browseWithBoth();
    await upIn('any-order');
    expect(seen).toEqual({ app: ['up any-order'], bonjour: ['up any-order'] });
  });

  it('only the app resolves a PTR whose SRV/TXT come in a later packet (bonjour-service never asks for them)', async () => {
    const { ptr, details } = records('split');
    await responder((m, q) => {
      if (q.questions.some((x) => x.type === 'PTR' && x.name === TYPE)) m.respond({ answers: [ptr] });
      else if (q.questions.some((x) => x.name === fqdn('split'))) m.respond({ answers: details });
    });
    const { seen, upIn } = browseWithBoth();
    await upIn('split', ['app']);
    // A marker both browsers take proves bonjour-service has read the SRV/TXT reply too.
    const marker = await responder();
    marker.respond({ answers: [records('marker').ptr, ...records('marker').details] });
    await upIn('marker');
    expect(seen.bonjour).toEqual(['up marker']);
  });

  it('both report a goodbye (PTR with TTL 0) as down', async () => {
    const mdns = await responder();
    const { seen, upIn } = browseWithBoth();
    const { ptr, details } = records('leaving');
    mdns.respond({ answers: [ptr, ...details] });
    await upIn('leaving');
    mdns.respond({ answers: [{ ...ptr, ttl: 0 } as WireRecord] });
    mdns.respond({ answers: [records('marker').ptr, ...records('marker').details] });
    await upIn('marker');
    await vi.waitFor(() => expect(seen.app).toContain('down leaving goodbye'));
    expect(seen.bonjour).toContain('down leaving');
  });

  it('bonjour-service expires a service that is still announced, and expires nothing unless told to', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_000_000);
    const mdns = await responder();
    const { seen, app, browser, upIn } = browseWithBoth();
    const { ptr, details } = records('kept', 10);
    mdns.respond({ answers: [ptr, ...details] });
    await upIn('kept');
    // 8 s later the device announces again; a marker proves both browsers read that refresh.
    vi.setSystemTime(1_008_000);
    mdns.respond({ answers: [ptr, ...details] });
    mdns.respond({ answers: [records('marker', 10).ptr, ...records('marker', 10).details] });
    await upIn('marker');
    // 12 s after the first announcement, 4 s after the refresh: alive by RFC 6762 §10 (TTL from the last one).
    vi.setSystemTime(1_012_000);
    expect(browser.services.map((s) => s.name)).toContain('kept'); // bonjour-service never expires on its own
    app.refresh();
    browser.expire();
    expect(seen.app).not.toContain('down kept expired');
    expect(seen.bonjour).toContain('down kept'); // lastSeen is kept from the first packet, not refreshed
    // Past the refreshed TTL the app expires it too.
    vi.setSystemTime(1_018_001);
    app.refresh();
    expect(seen.app).toContain('down kept expired');
  });
});
