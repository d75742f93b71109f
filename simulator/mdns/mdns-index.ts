import {
  aRecord,
  browseGroup,
  OTHER_TTL,
  type RecordGroup,
  SERVICES_META_QUERY,
  srvRecord,
  txtRecord,
} from './mdns-records';
import type { MdnsAdvert, MdnsService } from './mdns-types';

/** A question as decoded by multicast-dns (type as a string such as 'PTR' or 'ANY'). */
export interface MdnsQuestion {
  name: string;
  type: string;
}

interface NameEntry {
  key: string;
  service?: MdnsService;
}

const normalise = (name: string): string => name.replace(/\.$/, '').toLowerCase();

/**
 * The published adverts, indexed by every name a query can ask for (service type, instance, host), so
 * answering stays O(answer size) with a thousand devices.
 */
export class MdnsIndex {
  private readonly adverts = new Map<string, MdnsAdvert>();
  private readonly byName = new Map<string, NameEntry>();
  private readonly byType = new Map<string, { type: string; keys: Set<string> }>();

  get(key: string): MdnsAdvert | undefined {
    return this.adverts.get(key);
  }

  all(): MdnsAdvert[] {
    return [...this.adverts.values()];
  }

  add(advert: MdnsAdvert): void {
    this.remove(advert.key);
    this.adverts.set(advert.key, advert);
    this.byName.set(normalise(advert.host), { key: advert.key });
    for (const service of advert.services) {
      this.byName.set(normalise(`${service.instance}.${service.type}`), { key: advert.key, service });
      const typeName = normalise(service.type);
      const entry = this.byType.get(typeName) ?? { type: service.type, keys: new Set<string>() };
      entry.keys.add(advert.key);
      this.byType.set(typeName, entry);
    }
  }

  remove(key: string): MdnsAdvert | undefined {
    const advert = this.adverts.get(key);
    if (advert === undefined) return undefined;
    this.adverts.delete(key);
    this.byName.delete(normalise(advert.host));
    for (const service of advert.services) {
      this.byName.delete(normalise(`${service.instance}.${service.type}`));
      const typeName = normalise(service.type);
      const entry = this.byType.get(typeName);
      entry?.keys.delete(key);
      if (entry?.keys.size === 0) this.byType.delete(typeName);
    }
    return advert;
  }

  clear(): void {
    this.adverts.clear();
    this.byName.clear();
    this.byType.clear();
  }

  /** Record groups answering one question; empty when nothing here matches. */
  answer(question: MdnsQuestion): RecordGroup[] {
    const name = normalise(question.name);
    const wants = (type: string): boolean => question.type === type || question.type === 'ANY';
    if (name === SERVICES_META_QUERY && wants('PTR')) {
      const answers = [...this.byType.values()].map(({ type }) => ({
        name: SERVICES_META_QUERY,
        type: 'PTR' as const,
        ttl: OTHER_TTL,
        data: type,
      }));
      return answers.length > 0 ? [{ answers, additionals: [] }] : [];
    }
    const byType = this.byType.get(name);
    if (byType !== undefined) {
      if (!wants('PTR')) return [];
      return [...byType.keys].flatMap((key) => {
        const advert = this.adverts.get(key);
        const service = advert?.services.find((s) => normalise(s.type) === name);
        return advert && service ? [browseGroup(advert, service)] : [];
      });
    }
    const entry = this.byName.get(name);
    const advert = entry && this.adverts.get(entry.key);
    if (entry === undefined || advert === undefined) return [];
    if (entry.service === undefined)
      return wants('A') ? [{ answers: [aRecord(advert)], additionals: [] }] : [];
    const answers = [
      ...(wants('SRV') ? [srvRecord(advert, entry.service)] : []),
      ...(wants('TXT') ? [txtRecord(advert, entry.service)] : []),
    ];
    if (answers.length === 0) return [];
    return [{ answers, additionals: wants('SRV') ? [aRecord(advert)] : [] }];
  }
}
