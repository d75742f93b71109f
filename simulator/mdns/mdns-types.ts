/** One DNS-SD service instance of an advertised host. */
export interface MdnsService {
  /** Service type with domain, e.g. `_http._tcp.local`. */
  readonly type: string;
  /** Instance label, e.g. `ShellyPlus1PM-A8032AB12345`. */
  readonly instance: string;
}

/**
 * Order of the records of one packet. `ptr-first` (the common one): PTR answer, then SRV, TXT and A.
 * `wall-display`: what a Shelly Wall Display sends (fixtures/real-devices/mdns/shelly-wall-display-2.6.2.json,
 * from Luligu/matterbridge-shelly's capture): per service its TXT, the `_services._dns-sd._udp` PTR and then its
 * PTR, all as answers, the SRVs and the A after them. RFC 6762 §6 leaves the order free, so a browser must
 * take either.
 */
export type RecordOrder = 'ptr-first' | 'wall-display';

/** Everything the responder needs to answer for one simulated device. */
export interface MdnsAdvert {
  /** Unique key per advertised device (the device id). */
  readonly key: string;
  /** Host name with domain, e.g. `ShellyPlus1PM-A8032AB12345.local`. */
  readonly host: string;
  /** IPv4 address for the A record; the responder only accepts loopback addresses. */
  readonly address: string;
  readonly port: number;
  /** TXT strings, e.g. `gen=2`. */
  readonly txt: readonly string[];
  readonly services: readonly MdnsService[];
  /** Default `ptr-first`. */
  readonly recordOrder?: RecordOrder;
}

/** The port devices use to appear on and disappear from the network. */
export interface ServiceAdvertiser {
  /** Starts answering for the advert and announces it (replaces an advert with the same key). */
  publish(advert: MdnsAdvert): void;
  /** Stops answering for the key and sends a goodbye; no-op for unknown keys. */
  withdraw(key: string): void;
}

export const SILENT_ADVERTISER: ServiceAdvertiser = {
  publish: () => undefined,
  withdraw: () => undefined,
};
