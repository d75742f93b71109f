import { createHash } from 'node:crypto';
import { baseName, entryData, walkZip, type ZipLocalEntry } from './zip-reader';

export type ShellyZipCheck =
  | { ok: true; version: string; buildId: string }
  /** `reason` is what the updater logs; a real device reports only `ota_error` `{"msg":"error"}`. */
  | { ok: false; reason: string };

interface Part {
  src?: unknown;
  cs_sha1?: unknown;
}

interface Manifest {
  name: string;
  version: string;
  buildId: string;
  parts: Record<string, Part>;
}

const refuse = (reason: string): ShellyZipCheck => ({ ok: false, reason });

/** `parse_manifest`: JSON with non-empty platform, version, build_id and parts, or the updater's message. */
function parseManifest(data: Buffer, app: string): Manifest | string {
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch {
    return 'Failed to parse manifest';
  }
  if (typeof value !== 'object' || value === null) return 'Failed to parse manifest';
  const m = value as Record<string, unknown>;
  const text = (key: string): string => (typeof m[key] === 'string' ? (m[key] as string) : '');
  const parts = m.parts;
  if (text('platform') === '' || text('version') === '' || text('build_id') === '') {
    return 'Required manifest field missing';
  }
  if (typeof parts !== 'object' || parts === null || Object.keys(parts).length === 0) {
    return 'Required manifest field missing';
  }
  // mgos compares only the first strlen(FW_ARCHITECTURE) characters, case-insensitively: esp32c3 passes as esp32.
  if (!text('platform').toLowerCase().startsWith('esp32')) return 'Wrong platform';
  // Shelly's updater also refuses another app (yaourdt/mgos-to-tasmota#93, arendst/mgos-to-tasmota#2).
  if (text('name') !== app) return `Wrong app: the manifest is for ${text('name') || 'no app'}`;
  return {
    name: text('name'),
    version: text('version'),
    buildId: text('build_id'),
    parts: parts as Record<string, Part>,
  };
}

function checkPart(entry: ZipLocalEntry, parts: Record<string, Part>): string | undefined {
  if (entry.method !== 0) return 'Cannot handle compressed .zip';
  const data = entryData(entry);
  if (data === undefined) return 'Invalid CRC';
  const part = Object.values(parts).find((p) => p.src === baseName(entry.name));
  if (typeof part?.cs_sha1 !== 'string') return undefined;
  return createHash('sha1').update(data).digest('hex') === part.cs_sha1.toLowerCase()
    ? undefined
    : 'Digest mismatch';
}

/**
 * What a Shelly Gen2+ does with a downloaded firmware zip, in the order of mongoose-os-libs/ota-common
 * `mgos_updater_common.c` `updater_process_int` (the first entry must be the stored `manifest.json`, then
 * each part) and `esp32/esp32_updater.c` (`app` needs `src` and `cs_sha1`; a part whose SHA-1 differs is
 * "Digest mismatch"). The manifest's `size` is not compared by the updater (it uses the zip entry's size).
 */
export function checkShellyZip(bytes: Buffer, app: string): ShellyZipCheck {
  const walk = walkZip(bytes);
  if (!walk.ok) return refuse(walk.reason);
  const [first, ...rest] = walk.entries;
  if (first.method !== 0) return refuse('Cannot handle compressed .zip');
  if (baseName(first.name) !== 'manifest.json')
    return refuse(`Got ${baseName(first.name)} instead of manifest.json`);
  const manifestData = entryData(first);
  if (manifestData === undefined) return refuse('Invalid CRC');
  const manifest = parseManifest(manifestData, app);
  if (typeof manifest === 'string') return refuse(manifest);
  const appPart = manifest.parts.app;
  if (typeof appPart?.src !== 'string' || typeof appPart.cs_sha1 !== 'string') {
    return refuse('Incomplete update package');
  }
  for (const entry of rest) {
    const problem = checkPart(entry, manifest.parts);
    if (problem !== undefined) return refuse(problem);
  }
  if (!rest.some((entry) => baseName(entry.name) === appPart.src)) return refuse('Incomplete update package');
  return { ok: true, version: manifest.version, buildId: manifest.buildId };
}
