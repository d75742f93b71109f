/**
 * DNS-SD state from mDNS responses (RFC 6763), pure and indexed by name so a site of thousands of services costs
 * O(records) per packet. A service is complete once its PTR, SRV and an address are known; TXT is optional.
 */

export interface MdnsRecord {
  name: string;
  type: string;
  ttl?: number;
  data: unknown;
}

/** A browsed service instance with the address to reach it. */
export interface BrowsedService {
  /** Without the leading underscore: `shelly`, `http`. */
  type: string;
  /** Instance label, e.g. `ShellyPlus1PM-A8032AB12345`. */
  name: string;
  host: string;
  address: string;
  port: number;
  txt: Record<string, string>;
}

export type CacheEvent =
  | { kind: 'up'; service: BrowsedService }
  | { kind: 'down'; service: BrowsedService; reason: 'goodbye' | 'expired' }
  /** A PTR arrived without the SRV/TXT it needs: ask for them. */
  | { kind: 'resolve'; instance: string };

interface Instance {
  typeFqdn: string;
  instance: string;
  expiresAt: number;
  srv: { host: string; port: number } | null;
  txt: Record<string, string>;
  announced: BrowsedService | null;
  resolveRequested: boolean;
}

const MAX_TXT_ENTRIES = 64;

const lower = (name: string) => name.toLowerCase().replace(/\.$/, '');

/** TXT strings are `key=value` byte strings; keys are case-insensitive; junk entries are skipped. */
export function decodeTxt(data: unknown): Record<string, string> {
  const entries = Array.isArray(data) ? data : [data];
  const txt: Record<string, string> = {};
  for (const entry of entries.slice(0, MAX_TXT_ENTRIES)) {
    const text = Buffer.isBuffer(entry) ? entry.toString('utf8') : typeof entry === 'string' ? entry : '';
    const eq = text.indexOf('=');
    const key = (eq === -1 ? text : text.slice(0, eq)).trim().toLowerCase();
    if (key && /^[\x20-\x7e]+$/.test(key) && !(key in txt)) txt[key] = eq === -1 ? '' : text.slice(eq + 1);
  }
  return txt;
}

function isSrv(data: unknown): data is { target: string; port: number } {
  const d = data as { target?: unknown; port?: unknown } | null;
  return (
    !!d &&
    typeof d.target === 'string' &&
    Number.isInteger(d.port) &&
    (d.port as number) > 0 &&
    (d.port as number) < 65536
  );
}

export class DnsSdCache {
  private readonly instances = new Map<string, Instance>();
  private readonly addresses = new Map<string, string>();

  /** `types`: DNS-SD type FQDN → short type, e.g. `_shelly._tcp.local` → `shelly`. */
  constructor(private types: ReadonlyMap<string, string> = new Map()) {}

  /** Changes what is browsed; services of types no longer browsed are forgotten without events. */
  setTypes(types: ReadonlyMap<string, string>): void {
    this.types = types;
    for (const [key, instance] of this.instances)
      if (!types.has(instance.typeFqdn)) this.instances.delete(key);
  }

  static typeFqdn(type: string): string {
    return `_${type}._tcp.local`;
  }

  /**
   * Applies the records of one packet: its answers and additionals merged (the caller concatenates them; a
   * record is matched by its name, whatever section it came in). Responders may put TXT/SRV/A before the PTR
   * (a Shelly Wall Display does, PROTOCOLS.md §5b; espressif/esp-protocols#1064 is the same bug for A before
   * SRV), so records are taken by kind, not in wire order: addresses, then PTRs, then SRV and TXT.
   */
  apply(records: readonly MdnsRecord[], fromAddress: string, now: number): CacheEvent[] {
    const events: CacheEvent[] = [];
    const touched = new Set<string>();
    const byType = (type: string) => records.filter((r) => r.type === type);
    for (const r of byType('A')) {
      if (typeof r.data === 'string' && (r.ttl ?? 1) > 0) this.addresses.set(lower(r.name), r.data);
    }
    for (const r of byType('PTR')) this.applyPtr(r, now, touched, events);
    for (const r of byType('SRV')) {
      const name = lower(r.name);
      if (!this.instances.has(name)) continue;
      if ((r.ttl ?? 120) === 0) this.drop(name, 'goodbye', events);
      else if (isSrv(r.data)) {
        this.instances.get(name)!.srv = { host: lower(r.data.target), port: r.data.port };
        touched.add(name);
      }
    }
    for (const r of byType('TXT')) {
      const name = lower(r.name);
      if (!this.instances.has(name) || (r.ttl ?? 120) === 0) continue;
      this.instances.get(name)!.txt = decodeTxt(r.data);
      touched.add(name);
    }
    for (const key of touched) this.settle(key, fromAddress, events);
    return events;
  }

  private applyPtr(r: MdnsRecord, now: number, touched: Set<string>, events: CacheEvent[]): void {
    const name = lower(r.name);
    if (typeof r.data !== 'string' || !this.types.has(name)) return;
    const key = lower(r.data);
    const ttl = r.ttl ?? 120;
    if (ttl === 0) {
      this.drop(key, 'goodbye', events);
      touched.delete(key);
      return;
    }
    const full = r.data.replace(/\.$/, '');
    const instance: Instance = this.instances.get(key) ?? {
      typeFqdn: name,
      instance: full.slice(0, Math.max(0, full.length - name.length - 1)),
      expiresAt: 0,
      srv: null,
      txt: {},
      announced: null,
      resolveRequested: false,
    };
    instance.expiresAt = now + ttl * 1000;
    this.instances.set(key, instance);
    touched.add(key);
  }

  /** Services whose records were not refreshed within their TTL. */
  expire(now: number): CacheEvent[] {
    const events: CacheEvent[] = [];
    for (const [key, instance] of this.instances)
      if (instance.expiresAt < now) this.drop(key, 'expired', events);
    return events;
  }

  private settle(key: string, fromAddress: string, events: CacheEvent[]): void {
    const instance = this.instances.get(key);
    if (!instance) return;
    if (!instance.srv) {
      if (!instance.resolveRequested) events.push({ kind: 'resolve', instance: key });
      instance.resolveRequested = true;
      return;
    }
    const service: BrowsedService = {
      type: this.types.get(instance.typeFqdn)!,
      name: instance.instance,
      host: instance.srv.host,
      address: this.addresses.get(instance.srv.host) ?? fromAddress,
      port: instance.srv.port,
      txt: instance.txt,
    };
    const before = instance.announced;
    if (
      before &&
      before.address === service.address &&
      before.port === service.port &&
      sameTxt(before.txt, service.txt)
    )
      return;
    instance.announced = service;
    events.push({ kind: 'up', service });
  }

  private drop(key: string, reason: 'goodbye' | 'expired', events: CacheEvent[]): void {
    const instance = this.instances.get(key);
    if (!instance) return;
    this.instances.delete(key);
    if (instance.announced) events.push({ kind: 'down', service: instance.announced, reason });
  }
}

function sameTxt(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
