import { createHash } from 'node:crypto';

/** First line of every simulator firmware image (see ./README.md). */
export const FIRMWARE_MAGIC = 'FBSIM-FW/1';
/** The manifest line may not be longer than this (bytes, without the LF). */
export const MAX_MANIFEST_BYTES = 4096;
/** Devices refuse images whose payload is larger than this. */
export const MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

export type FirmwareFamily = 'shelly' | 'tasmota';

/** The JSON manifest on the second line of an image. */
export interface FirmwareManifest {
  family: FirmwareFamily;
  /** Shelly: `ver` after the update (`1.5.0`). Tasmota: the numeric part of `Version` (`14.3.0`). */
  version: string;
  /** Shelly only (required there): `fw_id` after the update. */
  fw_id?: string;
  /** Tasmota only (optional): build name shown in parentheses in `Version`, e.g. `release-tasmota`. */
  build?: string;
  /** Shelly: model SKUs (`SNSW-001P16EU`); Tasmota: chip (`ESP8266`, `ESP32`) or module names. */
  models: string[];
  /** Payload length in bytes. */
  size: number;
  /** Lowercase hex SHA-256 of the payload. */
  sha256: string;
}

export type ImageCheck =
  | { ok: true; manifest: FirmwareManifest; payload: Buffer }
  | { ok: false; problem: 'corrupt' | 'wrong'; reason: string };

export interface BuildImageOptions {
  family: FirmwareFamily;
  version: string;
  fwId?: string;
  build?: string;
  models: string[];
  /** Payload bytes; default: `payloadSize` deterministic filler bytes. */
  payload?: Buffer;
  /** Size of the generated payload when `payload` is not given. Default 4096. */
  payloadSize?: number;
  /** Overrides applied to the manifest after it is computed, to build corrupt images on purpose. */
  manifestOverrides?: Record<string, unknown>;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function fillerPayload(size: number, label: string): Buffer {
  const payload = Buffer.alloc(size);
  const seed = createHash('sha256').update(label).digest();
  for (let i = 0; i < size; i += 1) payload[i] = seed[i % seed.length] ^ (i & 0xff);
  return payload;
}

/** Builds an image: `FBSIM-FW/1\n` + manifest JSON + `\n` + payload. */
export function buildFirmwareImage(options: BuildImageOptions): Buffer {
  const payload =
    options.payload ?? fillerPayload(options.payloadSize ?? 4096, `${options.family}/${options.version}`);
  const manifest: Record<string, unknown> = {
    family: options.family,
    version: options.version,
    ...(options.fwId !== undefined ? { fw_id: options.fwId } : {}),
    ...(options.build !== undefined ? { build: options.build } : {}),
    models: options.models,
    size: payload.length,
    sha256: sha256Hex(payload),
    ...options.manifestOverrides,
  };
  return Buffer.concat([Buffer.from(`${FIRMWARE_MAGIC}\n${JSON.stringify(manifest)}\n`), payload]);
}

const corrupt = (reason: string): ImageCheck => ({ ok: false, problem: 'corrupt', reason });

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== '');
}

function readManifest(text: string): FirmwareManifest | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'manifest is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'manifest is not an object';
  const m = value as Record<string, unknown>;
  if (m.family !== 'shelly' && m.family !== 'tasmota') return 'bad family';
  if (typeof m.version !== 'string' || m.version === '') return 'bad version';
  if (m.family === 'shelly' && (typeof m.fw_id !== 'string' || m.fw_id === '')) return 'bad fw_id';
  if (m.build !== undefined && typeof m.build !== 'string') return 'bad build';
  if (!isStringArray(m.models)) return 'bad models';
  if (typeof m.size !== 'number' || !Number.isInteger(m.size) || m.size < 0) return 'bad size';
  if (m.size > MAX_PAYLOAD_BYTES) return 'image too large';
  if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256)) return 'bad sha256';
  return m as unknown as FirmwareManifest;
}

/** Checks structure and integrity only (the "corrupt" rules of the README). */
export function parseFirmwareImage(image: Buffer): ImageCheck {
  const magic = Buffer.from(`${FIRMWARE_MAGIC}\n`);
  if (image.length < magic.length || !image.subarray(0, magic.length).equals(magic)) {
    return corrupt('bad magic');
  }
  const end = image.indexOf(0x0a, magic.length);
  if (end < 0 || end - magic.length > MAX_MANIFEST_BYTES) return corrupt('no manifest line');
  const manifest = readManifest(image.subarray(magic.length, end).toString('utf8'));
  if (typeof manifest === 'string') return corrupt(manifest);
  const payload = image.subarray(end + 1);
  if (payload.length !== manifest.size) return corrupt('size mismatch');
  if (sha256Hex(payload) !== manifest.sha256) return corrupt('sha256 mismatch');
  return { ok: true, manifest, payload };
}

/** What a device compares the manifest with. */
export interface FirmwareTarget {
  family: FirmwareFamily;
  /** Every name the device answers to: Shelly its SKU; Tasmota its chip and module name. */
  names: readonly string[];
}

/** Full check a device runs on a downloaded image: corrupt first, then family and model ("wrong"). */
export function checkFirmwareImage(image: Buffer, target: FirmwareTarget): ImageCheck {
  const parsed = parseFirmwareImage(image);
  if (!parsed.ok) return parsed;
  const { manifest } = parsed;
  if (manifest.family !== target.family) {
    return { ok: false, problem: 'wrong', reason: `image is for ${manifest.family}` };
  }
  const names = new Set(target.names.map((name) => name.toLowerCase()));
  if (!manifest.models.some((model) => names.has(model.toLowerCase()))) {
    return { ok: false, problem: 'wrong', reason: `image is not for ${target.names[0]}` };
  }
  return parsed;
}
