import type { Endpoint } from '../../../shared/domain/device';
import { assertNever } from '../../../shared/util/assert-never';

/** The address part of an endpoint, unique per source and transport: who is "at" this address now. */
export function endpointKey(endpoint: Endpoint): string {
  switch (endpoint.transport) {
    case 'http':
    case 'esphome-api':
      return `${endpoint.host}:${endpoint.port}`;
    case 'mqtt':
      return `${endpoint.brokerId}|${endpoint.topic}`;
    case 'serial':
      return endpoint.path;
    default:
      return assertNever(endpoint, 'endpoint');
  }
}
