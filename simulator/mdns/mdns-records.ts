import type mDNS from 'multicast-dns';
import type { MdnsAdvert, MdnsService } from './mdns-types';

export type MdnsRecord = NonNullable<mDNS.ResponseOutgoingPacket['answers']>[number];

/** Records that belong together in one packet: e.g. a PTR answer and its SRV/TXT/A additionals. */
export interface RecordGroup {
  answers: MdnsRecord[];
  additionals: MdnsRecord[];
}

/** RFC 6762 §10: 120 s for records with a host name, 75 min for the rest. */
export const HOST_TTL = 120;
export const OTHER_TTL = 4500;
export const SERVICES_META_QUERY = '_services._dns-sd._udp.local';

/** DNS header (12 bytes); every packet starts with one. */
export const HEADER_BYTES = 12;

export function serviceFqdn(service: MdnsService): string {
  return `${service.instance}.${service.type}`;
}

export function ptrRecord(service: MdnsService, ttl = OTHER_TTL): MdnsRecord {
  return { name: service.type, type: 'PTR', ttl, data: serviceFqdn(service) };
}

export function srvRecord(advert: MdnsAdvert, service: MdnsService, ttl = HOST_TTL): MdnsRecord {
  return {
    name: serviceFqdn(service),
    type: 'SRV',
    ttl,
    flush: true,
    data: { target: advert.host, port: advert.port, priority: 0, weight: 0 },
  };
}

export function txtRecord(advert: MdnsAdvert, service: MdnsService, ttl = OTHER_TTL): MdnsRecord {
  return { name: serviceFqdn(service), type: 'TXT', ttl, flush: true, data: [...advert.txt] };
}

export function aRecord(advert: MdnsAdvert, ttl = HOST_TTL): MdnsRecord {
  return { name: advert.host, type: 'A', ttl, flush: true, data: advert.address };
}

/** The answer to a PTR browse for one service: PTR, with SRV + TXT + A as additionals (or the Wall Display order). */
export function browseGroup(advert: MdnsAdvert, service: MdnsService): RecordGroup {
  if (advert.recordOrder === 'wall-display') {
    return {
      answers: [txtRecord(advert, service), ptrRecord(service), srvRecord(advert, service), aRecord(advert)],
      additionals: [],
    };
  }
  return {
    answers: [ptrRecord(service)],
    additionals: [srvRecord(advert, service), txtRecord(advert, service), aRecord(advert)],
  };
}

function metaPtrRecord(service: MdnsService, ttl: number): MdnsRecord {
  return { name: SERVICES_META_QUERY, type: 'PTR', ttl, data: service.type };
}

/** An unsolicited announcement (or, with ttl 0, a goodbye) of every record of the advert. */
export function announcementGroup(advert: MdnsAdvert, goodbye = false): RecordGroup {
  const ttl = (normal: number): number => (goodbye ? 0 : normal);
  const srv = (service: MdnsService) => srvRecord(advert, service, ttl(HOST_TTL));
  const txt = (service: MdnsService) => txtRecord(advert, service, ttl(OTHER_TTL));
  const ptr = (service: MdnsService) => ptrRecord(service, ttl(OTHER_TTL));
  const address = aRecord(advert, ttl(HOST_TTL));
  if (advert.recordOrder === 'wall-display') {
    const perService = advert.services.flatMap((s) => [txt(s), metaPtrRecord(s, ttl(OTHER_TTL)), ptr(s)]);
    return { answers: [...perService, ...advert.services.map(srv), address], additionals: [] };
  }
  return { answers: [...advert.services.flatMap((s) => [ptr(s), srv(s), txt(s)]), address], additionals: [] };
}

/** Encoded length of a name; dns-packet writes names without compression. */
export function encodedNameLength(name: string): number {
  const trimmed = name.replace(/^\.|\.$/g, '');
  if (trimmed.length === 0) return 1;
  return trimmed.split('.').reduce((sum, label) => sum + Buffer.byteLength(label) + 1, 1);
}

function rdataLength(record: MdnsRecord): number {
  switch (record.type) {
    case 'A':
      return 4;
    case 'PTR':
      return encodedNameLength(record.data);
    case 'SRV':
      return 6 + encodedNameLength(record.data.target);
    case 'TXT': {
      const data = record.data;
      const strings = Array.isArray(data) ? data : [data];
      const length = strings.reduce<number>((sum, s) => sum + 1 + Buffer.byteLength(s), 0);
      return Math.max(length, 1);
    }
    default:
      throw new Error(`cannot size ${record.type} records`);
  }
}

/** Exact encoded size of one resource record: name, type, class, ttl, rdlength, rdata. */
export function recordBytes(record: MdnsRecord): number {
  return encodedNameLength(record.name) + 10 + rdataLength(record);
}

function groupBytes(group: RecordGroup): number {
  return [...group.answers, ...group.additionals].reduce((sum, record) => sum + recordBytes(record), 0);
}

/**
 * Packs groups greedily into packets of at most `maxBytes` (header and `overheadBytes`, e.g. echoed
 * questions, included), never splitting a group. A single oversized group gets a packet of its own.
 */
export function packGroups(
  groups: readonly RecordGroup[],
  maxBytes: number,
  overheadBytes = 0,
): RecordGroup[] {
  const packets: RecordGroup[] = [];
  let current: RecordGroup = { answers: [], additionals: [] };
  let size = HEADER_BYTES + overheadBytes;
  for (const group of groups) {
    const bytes = groupBytes(group);
    const isEmpty = current.answers.length + current.additionals.length === 0;
    if (!isEmpty && size + bytes > maxBytes) {
      packets.push(current);
      current = { answers: [], additionals: [] };
      size = HEADER_BYTES + overheadBytes;
    }
    current.answers.push(...group.answers);
    current.additionals.push(...group.additionals);
    size += bytes;
  }
  if (current.answers.length + current.additionals.length > 0) packets.push(current);
  return packets;
}
