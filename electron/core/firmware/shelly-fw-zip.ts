import type { FileHandle } from 'node:fs/promises';
import {
  isUnsafeZipPath,
  readZipDirectory,
  readZipEntry,
  zipEntryDigest,
  ZipProblem,
  type ZipEntry,
} from './zip-reader';

/** What a Shelly Gen2+ firmware zip's manifest says (the fields the app uses). */
export interface ShellyFirmwareManifest {
  /** Manifest `name`: the device `app` it is for (`Plus1PM`); the device refuses another. */
  app: string;
  version: string;
  /** Manifest `build_id`: the `fw_id` the device reports after the update; null when absent. */
  fwId: string | null;
  platform: string | null;
  parts: string[];
}

export type ShellyZipVerdict = ({ ok: true } & ShellyFirmwareManifest) | { ok: false; problem: string };

const MAX_MANIFEST = 64 * 1024;
const SHA1 = /^[0-9a-f]{40}$/i;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const fail = (problem: string): ShellyZipVerdict => ({ ok: false, problem });

/**
 * Reads and checks a Mongoose OS firmware zip as Shelly Gen2+ devices take it: the manifest is
 * `<name>-<version>/manifest.json` (cesanta/mongoose-os `tools/mgos_fw_meta.py`, `create_fw`; we accept any
 * single top-level folder), its `parts` an object keyed by part name, each with `src` (next to the manifest),
 * `size` and `cs_sha1`. Every part's file must exist with that size and SHA-1, as the device's updater checks
 * them before writing (mongoose-os `fw/src/mgos_updater_common.c`, `prepare_to_write` / `verify_checksum`).
 */
export async function inspectShellyZip(file: FileHandle, size: number): Promise<ShellyZipVerdict> {
  try {
    const entries = await readZipDirectory(file, size);
    const manifests = entries.filter((e) => /^[^/]+\/manifest\.json$/.test(e.name));
    if (manifests.length === 0) return fail('no manifest: the zip has no <name>-<version>/manifest.json');
    if (manifests.length > 1)
      return fail(`${manifests.length} manifests in one zip (${manifests.map((m) => m.name).join(', ')})`);
    const manifestEntry = manifests[0]!;
    const folder = manifestEntry.name.slice(0, manifestEntry.name.indexOf('/') + 1);
    const manifest = readShellyManifest(await readSmall(file, manifestEntry));
    if (typeof manifest === 'string') return fail(manifest);
    const byName = new Map(entries.map((e) => [e.name, e]));
    for (const part of manifest.parts) {
      const entry = byName.get(folder + part.src);
      if (!entry) return fail(`part ${part.name}: ${part.src} is missing from the zip`);
      const digest = await zipEntryDigest(file, entry, part.size ?? entry.size);
      if (digest.size !== entry.size)
        return fail(`damaged zip: ${part.src} is not as long as its entry says`);
      if (part.size !== null && digest.size !== part.size) {
        return fail(
          `part ${part.name}: the manifest says ${part.size} bytes, ${part.src} has ${digest.size}`,
        );
      }
      if (digest.sha1.toLowerCase() !== part.sha1.toLowerCase()) {
        return fail(`part ${part.name}: ${part.src} does not match its SHA-1 in the manifest`);
      }
    }
    const { app, version, fwId, platform } = manifest;
    return { ok: true, app, version, fwId, platform, parts: manifest.parts.map((p) => p.name) };
  } catch (error) {
    if (error instanceof ZipProblem) return fail(error.message);
    throw error;
  }
}

async function readSmall(file: FileHandle, entry: ZipEntry): Promise<Buffer> {
  const pieces: Buffer[] = [];
  await readZipEntry(file, entry, MAX_MANIFEST, (bytes) => void pieces.push(bytes));
  return Buffer.concat(pieces);
}

export interface ManifestPart {
  name: string;
  src: string;
  /** Null when the manifest does not state it (early Mongoose OS manifests); the SHA-1 is checked anyway. */
  size: number | null;
  sha1: string;
}

/** Reads a manifest (mgos_fw_meta.py `create_manifest` layout); a string is the reason it is unusable. */
export function readShellyManifest(
  bytes: Buffer,
): (Omit<ShellyFirmwareManifest, 'parts'> & { parts: ManifestPart[] }) | string {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'the manifest is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'the manifest is not an object';
  const m = value as Record<string, unknown>;
  const app = text(m.name);
  const version = text(m.version);
  if (!app) return 'the manifest names no app (`name`)';
  if (!version) return 'the manifest has no `version`';
  if (typeof m.parts !== 'object' || m.parts === null || Array.isArray(m.parts)) {
    return 'the manifest has no `parts` object';
  }
  const parts: ManifestPart[] = [];
  for (const [name, raw] of Object.entries(m.parts as Record<string, unknown>)) {
    if (typeof raw !== 'object' || raw === null) return `part ${name} is not an object`;
    const p = raw as Record<string, unknown>;
    // Parts without a file (settings written by the updater itself) have nothing to check.
    if (p.src === undefined) continue;
    const src = text(p.src);
    if (!src || isUnsafeZipPath(src))
      return `part ${name} points outside its folder (${JSON.stringify(p.src)})`;
    const size = p.size ?? null;
    if (size !== null && (typeof size !== 'number' || !Number.isInteger(size) || size < 0))
      return `part ${name} has no valid size`;
    if (typeof p.cs_sha1 !== 'string' || !SHA1.test(p.cs_sha1)) return `part ${name} has no valid cs_sha1`;
    parts.push({ name, src, size, sha1: p.cs_sha1 });
  }
  if (parts.length === 0) return 'the manifest lists no parts with files';
  return { app, version, fwId: text(m.build_id), platform: text(m.platform), parts };
}
