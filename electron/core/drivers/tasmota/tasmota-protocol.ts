import { z } from 'zod';
import { deviceIdFromMac, normalizeMac } from '../../discovery/device-identity';
import { chipFromHardware } from '../../firmware/device-match';
import type { IdentifiedDevice } from '../device-driver';
import { DeviceError } from '../../device-error';
import { modelFromModule } from './tasmota-modules';

/**
 * Pure decoders for what Tasmota devices send (PROTOCOLS.md §2.2, §2.3): the native discovery config and
 * the `Status 0` reply. Nothing here throws: outside data yields a `ParseResult` whose error is a
 * `DeviceError('bad-reply')` with a message fit for the discovery panel.
 */

/** Larger payloads are refused unread; a real `Status 0` is about 2 KB, a discovery config under 1 KB. */
export const MAX_TASMOTA_PAYLOAD_BYTES = 256 * 1024;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: DeviceError };

export const parsed = <T>(value: T): ParseResult<T> => ({ ok: true, value });
export const badReply = <T = never>(message: string): ParseResult<T> => ({
  ok: false,
  error: new DeviceError('bad-reply', message),
});

/** Prefix1..3 of a device: where commands go, where results and telemetry come from (§2.1). */
export interface TasmotaPrefixes {
  cmnd: string;
  stat: string;
  tele: string;
}

export const DEFAULT_PREFIXES: TasmotaPrefixes = { cmnd: 'cmnd', stat: 'stat', tele: 'tele' };
export const DEFAULT_FULL_TOPIC = '%prefix%/%topic%/';

/** A device as its retained `tasmota/discovery/<MAC>/config` describes it. */
export interface TasmotaDiscovery {
  device: IdentifiedDevice;
  /** `Topic`, e.g. `tasmota_B3C4D5`. */
  topic: string;
  /** `FullTopic` pattern, e.g. `%prefix%/%topic%/`. */
  fullTopic: string;
  prefixes: TasmotaPrefixes;
  hostname: string | null;
  ip: string | null;
  /** LWT payloads this device uses (`onln` / `ofln`). */
  onlinePayload: string;
  offlinePayload: string;
}

/** What `Status 0` says about a device, plus its topic and hostname when present. */
export interface TasmotaStatus {
  device: IdentifiedDevice;
  topic: string | null;
  hostname: string | null;
  ip: string | null;
  hardware: string | null;
}

const decoder = new TextDecoder('utf-8');

/** Decodes a payload (string or bytes) as one JSON object, refusing oversized input before decoding. */
export function parseJsonObject(
  payload: string | Uint8Array,
  what: string,
): ParseResult<Record<string, unknown>> {
  const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
  if (size > MAX_TASMOTA_PAYLOAD_BYTES) {
    return badReply(`${what}: ${size} bytes exceeds the ${MAX_TASMOTA_PAYLOAD_BYTES}-byte limit`);
  }
  const text = typeof payload === 'string' ? payload : decoder.decode(payload);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return badReply(`${what}: not JSON (${JSON.stringify(text.slice(0, 40))})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return badReply(`${what}: expected a JSON object`);
  }
  return parsed(json as Record<string, unknown>);
}

// Wildcards or NUL in a topic would turn our subscriptions into someone else's.
const TopicText = z
  .string()
  .min(1)
  .max(100)
  .refine((t) => !/[+#\0]/.test(t), 'must not contain + # or NUL');

const DiscoveryConfigSchema = z.looseObject({
  mac: z.string(),
  t: TopicText,
  ft: z.string().min(1).max(100),
  sw: z.string().min(1).max(64),
  md: z.string().max(100).nullish(),
  dn: z.string().max(100).nullish(),
  fn: z.array(z.string().max(100).nullable()).max(32).nullish(),
  hn: z.string().max(100).nullish(),
  ip: z.string().max(64).nullish(),
  tp: z.array(z.string().min(1).max(32)).length(3).nullish(),
  onln: z.string().min(1).max(64).nullish(),
  ofln: z.string().min(1).max(64).nullish(),
});

const Status0Schema = z.looseObject({
  Status: z.looseObject({
    Module: z.union([z.number(), z.string().max(100)]).nullish(),
    DeviceName: z.string().max(100).nullish(),
    // An array since 6.x; 5.x sent one string (a real 5.12.0h console capture, fixtures/real-devices).
    FriendlyName: z.union([z.array(z.string().max(100).nullable()).max(32), z.string().max(100)]).nullish(),
    Topic: TopicText.nullish(),
    // A string of binary digits since 14.x (`"%*_b"` in CmndStatus), an integer bitmask before.
    Power: z.union([z.string().regex(/^[01]{0,32}$/), z.number().int().min(0)]).nullish(),
  }),
  StatusFWR: z.looseObject({ Version: z.string().min(1).max(64), Hardware: z.string().max(64).nullish() }),
  StatusNET: z.looseObject({
    Mac: z.string(),
    Hostname: z.string().max(100).nullish(),
    IPAddress: z.string().max(64).nullish(),
  }),
});

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || 'value'} ${issue?.message ?? 'invalid'}`;
}

/**
 * Every Tasmota ships named `Tasmota`: FRIENDLY_NAME in tasmota/my_user_config.h, which DeviceName also
 * defaults to. Such a name tells devices apart no better than none, so it is not the device's name.
 */
const FACTORY_NAME = 'tasmota';

const isOwnName = (name: string | null | undefined): name is string =>
  typeof name === 'string' && name.trim() !== '' && name.trim().toLowerCase() !== FACTORY_NAME;

/** DeviceName, else the first FriendlyName someone set; null while both are the factory default. */
export function displayName(
  deviceName: string | null | undefined,
  friendly: readonly (string | null)[] | null | undefined,
): string | null {
  if (isOwnName(deviceName)) return deviceName.trim();
  return friendly?.find(isOwnName)?.trim() ?? null;
}

/** `tasmota/discovery/A4CF12B3C4D5/config` → `a4cf12b3c4d5`; any other topic → null. */
export function discoveryTopicMac(topic: string): string | null {
  const match = /^tasmota\/discovery\/([^/]+)\/config$/.exec(topic);
  return match ? normalizeMac(match[1]!) : null;
}

/**
 * Decodes a native discovery config. `topic`, when given, must be the `tasmota/discovery/<MAC>/config` it
 * came on, and its MAC must agree with the payload's. Callers skip empty payloads first: those are the
 * retained clears a device publishes when discovery is switched off, not errors.
 */
export function parseDiscoveryConfig(
  payload: string | Uint8Array,
  topic?: string,
): ParseResult<TasmotaDiscovery> {
  const what = topic ?? 'discovery config';
  const json = parseJsonObject(payload, what);
  if (!json.ok) return json;
  const result = DiscoveryConfigSchema.safeParse(json.value);
  if (!result.success) return badReply(`${what}: ${firstIssue(result.error)}`);
  const config = result.data;
  const mac = normalizeMac(config.mac);
  if (!mac) return badReply(`${what}: mac ${JSON.stringify(config.mac.slice(0, 40))} is not a MAC address`);
  if (topic !== undefined && discoveryTopicMac(topic) !== mac) {
    return badReply(`${what}: payload mac ${mac} does not match the topic`);
  }
  const [cmnd, stat, tele] = config.tp ?? [];
  return parsed({
    device: {
      id: deviceIdFromMac(mac),
      family: 'tasmota',
      name: displayName(config.dn, config.fn),
      model: config.md && config.md.trim() !== '' ? config.md : 'Tasmota',
      product: 'Tasmota',
      generation: null,
      firmware: config.sw,
      mac,
      raw: json.value,
    },
    topic: config.t,
    fullTopic: config.ft,
    prefixes: cmnd && stat && tele ? { cmnd, stat, tele } : DEFAULT_PREFIXES,
    hostname: config.hn ?? null,
    ip: config.ip ?? null,
    onlinePayload: config.onln ?? 'Online',
    offlinePayload: config.ofln ?? 'Offline',
  });
}

/** Decodes the one JSON object `Status 0` produces (`stat/<topic>/STATUS0`, `/cm`, or the serial console). */
export function parseStatus0(
  payload: string | Uint8Array | Record<string, unknown>,
): ParseResult<TasmotaStatus> {
  const what = 'Status 0 reply';
  const json =
    typeof payload === 'object' && !(payload instanceof Uint8Array)
      ? parsed(payload)
      : parseJsonObject(payload, what);
  if (!json.ok) return json;
  const result = Status0Schema.safeParse(json.value);
  if (!result.success) return badReply(`${what}: ${firstIssue(result.error)}`);
  const { Status: status, StatusFWR: fwr, StatusNET: net } = result.data;
  const mac = normalizeMac(net.Mac);
  if (!mac)
    return badReply(`${what}: StatusNET.Mac ${JSON.stringify(net.Mac.slice(0, 40))} is not a MAC address`);
  return parsed({
    device: {
      id: deviceIdFromMac(mac),
      family: 'tasmota',
      name: displayName(
        status.DeviceName,
        typeof status.FriendlyName === 'string' ? [status.FriendlyName] : status.FriendlyName,
      ),
      model: modelFromModule(status.Module, fwr.Hardware ?? null),
      product: 'Tasmota',
      generation: null,
      firmware: fwr.Version,
      mac,
      chip: fwr.Hardware ? chipFromHardware(fwr.Hardware) : null,
      raw: json.value,
    },
    topic: status.Topic ?? null,
    hostname: net.Hostname ?? null,
    ip: net.IPAddress ?? null,
    hardware: fwr.Hardware ?? null,
  });
}
