import type { ShellyState } from './shelly-state';

/** The `/shelly` and `Shelly.GetDeviceInfo` object (PROTOCOLS.md §1.3). */
export function shellyDeviceInfo(state: ShellyState, ident = false): Record<string, unknown> {
  const { identity } = state;
  const { model } = identity;
  const info: Record<string, unknown> = {
    name: state.name,
    id: identity.id,
    mac: identity.mac,
    slot: 0,
    model: model.model,
    gen: model.gen,
    fw_id: state.fwId,
    ver: state.ver,
    app: model.app,
  };
  if (model.profile !== undefined) info.profile = model.profile;
  info.auth_en = state.ha1 !== null;
  info.auth_domain = state.ha1 !== null ? identity.id : null;
  if (!state.discoverable) info.discoverable = false;
  if (ident) {
    info.key = identity.key;
    info.batch = identity.batch;
    info.fw_sbits = identity.fwSbits;
  }
  return info;
}
