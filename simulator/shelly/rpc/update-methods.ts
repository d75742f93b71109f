import { RPC_CODE, RpcError, invalidArgument } from './rpc-error';
import type { RpcParams } from './rpc-params';
import type { RpcMethodTable } from './rpc-router';
import type { ShellyRpcDevice, UpdateOffer } from './shelly-rpc-device';

function optionalString(params: RpcParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidArgument(name);
  return value;
}

/** Numeric compare of dotted versions; a pre-release suffix sorts before the release. */
export function isNewer(candidate: string, current: string): boolean {
  const split = (v: string): [number[], string] => {
    const [core, pre = ''] = v.split('-', 2);
    return [core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre];
  };
  const [a, aPre] = split(candidate);
  const [b, bPre] = split(current);
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  if (aPre === bPre) return false;
  return aPre === '' || (bPre !== '' && aPre > bPre);
}

function newerOffers(device: ShellyRpcDevice): Partial<Record<'stable' | 'beta', UpdateOffer>> {
  const offers = device.updateOffers();
  const result: Partial<Record<'stable' | 'beta', UpdateOffer>> = {};
  for (const stage of ['stable', 'beta'] as const) {
    const offer = offers[stage];
    if (offer !== undefined && isNewer(offer.version, device.state.ver)) result[stage] = offer;
  }
  return result;
}

/** `Shelly.Update`, `Shelly.CheckForUpdate`, `Shelly.FactoryReset`, `Shelly.SetAuth` (§1.5). */
export const updateMethods: RpcMethodTable<ShellyRpcDevice> = {
  'Shelly.CheckForUpdate': ({ device }) => {
    const offers = newerOffers(device);
    const result: Record<string, unknown> = {};
    const available: Record<string, unknown> = {};
    for (const [stage, offer] of Object.entries(offers)) {
      result[stage] = { version: offer.version, build_id: offer.build_id };
      available[stage] = { version: offer.version };
    }
    device.state.availableUpdates = available;
    return result;
  },
  'Shelly.Update': ({ device, params }) => {
    const url = optionalString(params, 'url');
    const stage = optionalString(params, 'stage');
    if (stage !== undefined && stage !== 'stable' && stage !== 'beta') throw invalidArgument('stage');
    // ⚠ PROTOCOLS.md §1.5: with both given the device's choice is unknown; the simulator prefers `url`.
    const target = url ?? newerOffers(device)[stage ?? 'stable']?.url;
    if (target === undefined) throw new RpcError(RPC_CODE.unavailable, 'No update info!');
    device.startUpdate(target);
    return null;
  },
  'Shelly.FactoryReset': ({ device, afterReply }) => {
    afterReply(() => device.factoryReset());
    return null;
  },
  'Shelly.SetAuth': ({ device, params }) => {
    if (params.user !== 'admin') throw invalidArgument('user');
    if (params.realm !== device.id) throw invalidArgument('realm');
    const ha1 = params.ha1;
    if (ha1 !== null && (typeof ha1 !== 'string' || !/^[0-9a-f]{64}$/i.test(ha1)))
      throw invalidArgument('ha1');
    device.state.ha1 = ha1 === null ? null : ha1.toLowerCase();
    device.configChanged('sys', false);
    return null;
  },
};
