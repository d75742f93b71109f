import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipLocalEntry {
  /** Full name inside the archive, e.g. `Plus1PM-1.6.0/manifest.json`. */
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** The entry's bytes as stored (still deflated when method is 8). */
  raw: Buffer;
}

export type ZipWalk = { ok: true; entries: ZipLocalEntry[] } | { ok: false; reason: string };

const LOCAL_MAGIC = 0x04034b50;
const CENTRAL_MAGIC = 0x02014b50;

/**
 * Walks the local file headers front to back, as a device reading the download as a stream does
 * (mongoose-os-libs/ota-common `mgos_updater_common.c` `parse_zip_file_header`), and stops at the central
 * directory. Sizes must be in the local header (no data descriptors), as in zips written by `zipfile`.
 */
export function walkZip(bytes: Buffer): ZipWalk {
  const entries: ZipLocalEntry[] = [];
  let offset = 0;
  while (offset + 4 <= bytes.length && bytes.readUInt32LE(offset) !== CENTRAL_MAGIC) {
    if (bytes.readUInt32LE(offset) !== LOCAL_MAGIC || offset + 30 > bytes.length) {
      return { ok: false, reason: 'Malformed archive (invalid file header)' };
    }
    const method = bytes.readUInt16LE(offset + 8);
    const crc = bytes.readUInt32LE(offset + 14);
    const compressedSize = bytes.readUInt32LE(offset + 18);
    const size = bytes.readUInt32LE(offset + 22);
    const nameLength = bytes.readUInt16LE(offset + 26);
    const extraLength = bytes.readUInt16LE(offset + 28);
    const start = offset + 30 + nameLength + extraLength;
    if (start + compressedSize > bytes.length) return { ok: false, reason: 'Malformed archive' };
    const name = bytes.subarray(offset + 30, offset + 30 + nameLength).toString('utf8');
    entries.push({
      name,
      method,
      crc,
      compressedSize,
      size,
      raw: bytes.subarray(start, start + compressedSize),
    });
    offset = start + compressedSize;
  }
  return entries.length === 0
    ? { ok: false, reason: 'Malformed archive (invalid file header)' }
    : { ok: true, entries };
}

/** The entry's content, inflated when deflated; undefined when it does not inflate or its CRC-32 disagrees. */
export function entryData(entry: ZipLocalEntry): Buffer | undefined {
  let data: Buffer;
  try {
    data = entry.method === 8 ? inflateRawSync(entry.raw) : entry.raw;
  } catch {
    return undefined;
  }
  return data.length === entry.size && crc32(data) === entry.crc ? data : undefined;
}

/** The name without its leading directory, as mgos uses it (`Plus1PM-1.6.0/manifest.json` → `manifest.json`). */
export function baseName(name: string): string {
  const slash = name.indexOf('/');
  return slash < 0 ? name : name.slice(slash + 1);
}
