import type { MdnsAdvert } from '../mdns/mdns-types';
import type { ShellyState } from './shelly-state';

export const SHELLY_SERVICE_TYPES = { http: '_http._tcp.local', shelly: '_shelly._tcp.local' } as const;

/** Gen2+ advertise `_http._tcp` as `<Prefix>-<MAC>` and `_shelly._tcp` as the lowercase device id (§1.1). */
export function shellyAdvert(state: ShellyState, port: number): MdnsAdvert {
  const { identity } = state;
  return {
    key: identity.id,
    host: `${identity.instanceName}.local`,
    address: '127.0.0.1',
    port,
    txt: [`gen=${identity.model.gen}`, `app=${identity.model.app}`, `ver=${state.ver}`],
    services: [
      { type: SHELLY_SERVICE_TYPES.http, instance: identity.instanceName },
      { type: SHELLY_SERVICE_TYPES.shelly, instance: identity.id },
    ],
    recordOrder: identity.model.quirks?.mdnsRecordOrder ?? 'ptr-first',
  };
}
