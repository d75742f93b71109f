import type { FirmwareFamily } from '../../../shared/domain/firmware';

/** First line of an `FBSIM-FW/1` image (simulator/firmware/README.md, "Layout"), LF included. */
export const FBSIM_MAGIC = Buffer.from('FBSIM-FW/1\n', 'latin1');
/** The manifest line, without its LF, is at most this long. */
export const MAX_MANIFEST_BYTES = 4096;
/** Largest payload a manifest may announce (8 MiB). */
export const MAX_FBSIM_PAYLOAD = 8 * 1024 * 1024;

/** The manifest fields the app uses, normalised (`fw_id` → `fwId`, absent → null). */
export interface FbsimManifest {
  family: FirmwareFamily;
  version: string;
  /** Shelly only (required there); null for Tasmota, which ignores it. */
  fwId: string | null;
  build: string | null;
  models: string[];
  size: number;
  sha256: string;
}

const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** Reads the manifest line per the README's field table; a string result is the reason it is corrupt. */
export function readManifest(line: Buffer): FbsimManifest | string {
  let value: unknown;
  try {
    value = JSON.parse(line.toString('utf8'));
  } catch {
    return 'manifest is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'manifest is not an object';
  const m = value as Record<string, unknown>;
  if (m.family !== 'shelly' && m.family !== 'tasmota') return 'bad family';
  if (!nonEmptyString(m.version)) return 'bad version';
  if (m.family === 'shelly' && !nonEmptyString(m.fw_id)) return 'bad fw_id';
  if (m.build !== undefined && typeof m.build !== 'string') return 'bad build';
  if (!Array.isArray(m.models) || m.models.length === 0 || !m.models.every(nonEmptyString))
    return 'bad models';
  if (typeof m.size !== 'number' || !Number.isInteger(m.size) || m.size < 0) return 'bad size';
  if (m.size > MAX_FBSIM_PAYLOAD) return 'image too large';
  if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256)) return 'bad sha256';
  return {
    family: m.family,
    version: m.version,
    fwId: m.family === 'shelly' ? (m.fw_id as string) : null,
    build: typeof m.build === 'string' && m.build !== '' ? m.build : null,
    models: m.models as string[],
    size: m.size,
    sha256: m.sha256,
  };
}
