import type { RecordOrder } from '../mdns/mdns-types';

/** Where a device's firmware behaves unlike the Mongoose-based Gen2+ line (the Wall Display runs Android). */
export interface ShellyQuirks {
  /** The device `id` (and so the digest realm) keeps the instance name's case, e.g. `ShellyWallDisplay-00082261E102`. */
  readonly isIdMixedCase: boolean;
  readonly mdnsRecordOrder: RecordOrder;
  /** `opaque` of the HTTP digest challenge, to be echoed by the client; absent: none sent. */
  readonly challengeOpaque?: string;
  /** The WebSocket challenge carries `"nc": "1"` (a string) instead of a number. */
  readonly isChallengeNcString: boolean;
}

/** One entry of the simulated Shelly catalogue: what a real device of this SKU reports about itself. */
export interface ShellyModel {
  /** SKU reported as `model`, e.g. `SNSW-001P16EU`. */
  readonly model: string;
  /** Firmware application reported as `app`, e.g. `Plus1PM`. */
  readonly app: string;
  /** Prefix of the mDNS instance/host name (`ShellyPlus1PM`); its lowercase form prefixes the device `id`. */
  readonly namePrefix: string;
  readonly gen: 2 | 3 | 4;
  /** Number of `switch:<n>` (and matching `input:<n>`) components. */
  readonly switches: number;
  /** Whether switches report power metering fields (`apower`, `voltage`, `aenergy` ...). */
  readonly hasMetering: boolean;
  /** Present only on multi-profile devices (GetDeviceInfo `profile`). */
  readonly profile?: 'switch' | 'cover';
  /** Factory firmware: `ver` and `fw_id`; the fw_id date is after aioshelly's minimum for the generation. */
  readonly ver: string;
  readonly fwId: string;
  /** Shelly OUIs used for this family; one is picked per device. */
  readonly ouis: readonly string[];
  readonly ramSize: number;
  readonly fsSize: number;
  /** Absent: behaves as the Mongoose-based Gen2+ firmware. */
  readonly quirks?: ShellyQuirks;
}

export const SHELLY_MODELS: readonly ShellyModel[] = [
  {
    model: 'SNSW-001P16EU',
    app: 'Plus1PM',
    namePrefix: 'ShellyPlus1PM',
    gen: 2,
    switches: 1,
    hasMetering: true,
    ver: '1.4.4',
    fwId: '20241011-114455/1.4.4-g6d2a586',
    ouis: ['A8032A', '441793', 'C8F09E'],
    ramSize: 246_744,
    fsSize: 458_752,
  },
  {
    model: 'SNSW-102P16EU',
    app: 'Plus2PM',
    namePrefix: 'ShellyPlus2PM',
    gen: 2,
    switches: 2,
    hasMetering: true,
    profile: 'switch',
    ver: '1.4.4',
    fwId: '20241011-114455/1.4.4-g6d2a586',
    ouis: ['485519', '3C6105', 'E465B8'],
    ramSize: 245_340,
    fsSize: 458_752,
  },
  {
    model: 'SPSW-104PE16EU',
    app: 'Pro4PM',
    namePrefix: 'ShellyPro4PM',
    gen: 2,
    switches: 4,
    hasMetering: true,
    ver: '1.4.4',
    fwId: '20241011-114455/1.4.4-g6d2a586',
    ouis: ['F008D1', '30C6F7', '08B61F'],
    ramSize: 234_960,
    fsSize: 524_288,
  },
  {
    model: 'S3SW-001P16EU',
    app: 'S1PMG3',
    namePrefix: 'Shelly1PMG3',
    gen: 3,
    switches: 1,
    hasMetering: true,
    ver: '1.4.4',
    fwId: '20241011-114449/1.4.4-g6d2a586',
    ouis: ['34B7DA', '84FCE6', 'ECDA3B'],
    ramSize: 259_752,
    fsSize: 1_048_576,
  },
  {
    model: 'S4SW-001X16EU',
    app: 'S1G4',
    namePrefix: 'Shelly1G4',
    gen: 4,
    switches: 1,
    hasMetering: false,
    ver: '1.5.1',
    fwId: '20250306-123451/1.5.1-g01dcbd3',
    ouis: ['7C2C67', 'CCBA97', '98A316'],
    ramSize: 298_184,
    fsSize: 1_048_576,
  },
  {
    model: 'S4SW-001P16EU',
    app: 'S1PMG4',
    namePrefix: 'Shelly1PMG4',
    gen: 4,
    switches: 1,
    hasMetering: true,
    ver: '1.5.1',
    fwId: '20250306-123451/1.5.1-g01dcbd3',
    ouis: ['7C2C67', 'CCBA97', '98A316'],
    ramSize: 298_184,
    fsSize: 1_048_576,
  },
];

/**
 * Shelly Wall Display (Android-based), outside the rotation of SHELLY_MODELS: a fleet places it by index
 * (`models: { 0: 'WallDisplay' }`). Identity from a real device (fixtures/real-devices/shelly/wall-display-2.6.2,
 * from Luligu/matterbridge-shelly): mixed-case id, OUI 000822, ram/fs sizes; its mDNS order from
 * fixtures/real-devices/mdns/shelly-wall-display-2.6.2.json; `opaque=""` in its HTTP challenge from
 * fixtures/real-devices/shelly-auth/wall-display-2.5.8-http.json (jfmlima/shelly-manager#38); `nc` as a string
 * from PROTOCOLS.md §1.6 (aioshelly parses it with int()).
 */
export const SHELLY_WALL_DISPLAY: ShellyModel = {
  model: 'SAWD-0A1XX10EU1',
  app: 'WallDisplay',
  namePrefix: 'ShellyWallDisplay',
  gen: 2,
  switches: 1,
  hasMetering: false,
  ver: '2.6.2',
  fwId: '20260520-144343/2.6.2-06f6da23',
  ouis: ['000822'],
  ramSize: 134_217_728,
  fsSize: 5_009_186_816,
  quirks: {
    isIdMixedCase: true,
    mdnsRecordOrder: 'wall-display',
    challengeOpaque: '',
    isChallengeNcString: true,
  },
};

/** A catalogue model by its `app`, including the ones outside the rotation; undefined when unknown. */
export function shellyModelByApp(app: string): ShellyModel | undefined {
  return [...SHELLY_MODELS, SHELLY_WALL_DISPLAY].find((model) => model.app === app);
}
