import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

/**
 * The few parts of a zip (PKWARE APPNOTE.TXT §4.3) a firmware zip needs: the end-of-central-directory record,
 * central directory entries, and stored (0) or deflated (8) entry data. No zip64, no encryption: firmware
 * zips are small and plain.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export class ZipProblem extends Error {
  override readonly name = 'ZipProblem';
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_LENGTH = 22;
const MAX_COMMENT = 0xffff;
const MAX_ENTRIES = 1_000;

async function readAt(file: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, offset);
  return buffer.subarray(0, bytesRead);
}

/** A name that would land outside the folder it is unpacked into (or is not a plain relative path). */
export function isUnsafeZipPath(name: string): boolean {
  return (
    name === '' ||
    name.startsWith('/') ||
    name.includes('\\') ||
    name.includes('\0') ||
    /^[a-zA-Z]:/.test(name) ||
    name.split('/').some((part) => part === '..')
  );
}

/** Every entry of the central directory; throws ZipProblem with the reason when it is not a readable zip. */
export async function readZipDirectory(file: FileHandle, size: number): Promise<ZipEntry[]> {
  const tailLength = Math.min(size, EOCD_LENGTH + MAX_COMMENT);
  const tail = await readAt(file, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - EOCD_LENGTH; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipProblem('not a zip file (no end of central directory)');
  const count = tail.readUInt16LE(at + 10);
  const directorySize = tail.readUInt32LE(at + 12);
  const directoryOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw new ZipProblem('zip64 archives are not supported');
  if (count > MAX_ENTRIES) throw new ZipProblem(`the zip holds ${count} entries; firmware zips hold a few`);
  if (directoryOffset + directorySize > size)
    throw new ZipProblem('damaged zip: the directory lies past the end');
  const directory = await readAt(file, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) {
      throw new ZipProblem('damaged zip: a directory entry is cut off');
    }
    const flags = directory.readUInt16LE(p + 8);
    const nameLength = directory.readUInt16LE(p + 28);
    const next = p + 46 + nameLength + directory.readUInt16LE(p + 30) + directory.readUInt16LE(p + 32);
    const name = directory.subarray(p + 46, p + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    if (flags & 0x1) throw new ZipProblem(`${name} is encrypted`);
    if (isUnsafeZipPath(name)) throw new ZipProblem(`unsafe path in the zip: ${JSON.stringify(name)}`);
    entries.push({
      name,
      method: directory.readUInt16LE(p + 10),
      compressedSize: directory.readUInt32LE(p + 20),
      size: directory.readUInt32LE(p + 24),
      localHeaderOffset: directory.readUInt32LE(p + 42),
    });
    p = next;
  }
  return entries;
}

/**
 * Reads an entry's data through `sink` in pieces (inflating deflated entries), stopping with a ZipProblem
 * when it yields more than `limit` bytes. Returns how many bytes it yielded.
 */
export async function readZipEntry(
  file: FileHandle,
  entry: ZipEntry,
  limit: number,
  sink: (bytes: Buffer) => void,
): Promise<number> {
  const local = await readAt(file, entry.localHeaderOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) {
    throw new ZipProblem(`damaged zip: no local header for ${entry.name}`);
  }
  const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipProblem(`${entry.name} uses compression method ${entry.method} (only stored and deflated)`);
  }
  let produced = 0;
  const take = (bytes: Buffer) => {
    produced += bytes.length;
    if (produced > limit) throw new ZipProblem(`${entry.name} holds more than ${limit} bytes`);
    sink(bytes);
  };
  const inflate = entry.method === 8 ? createInflateRaw() : null;
  const done = inflate
    ? new Promise<void>((resolve, reject) => {
        inflate.on('data', (bytes: Buffer) => {
          try {
            take(bytes);
          } catch (error) {
            inflate.destroy();
            reject(error as Error);
          }
        });
        inflate.on('end', resolve);
        inflate.on('error', () => reject(new ZipProblem(`damaged zip: ${entry.name} does not inflate`)));
      })
    : Promise.resolve();
  // Awaited below; this keeps an early rejection from counting as unhandled meanwhile.
  done.catch(() => undefined);
  for (let at = 0; at < entry.compressedSize;) {
    const piece = await readAt(file, start + at, Math.min(64 * 1024, entry.compressedSize - at));
    if (piece.length === 0) throw new ZipProblem(`damaged zip: ${entry.name} is cut off`);
    at += piece.length;
    if (inflate) {
      if (inflate.destroyed) break;
      inflate.write(piece);
    } else take(piece);
  }
  inflate?.end();
  await done;
  return produced;
}

/** SHA-1 and length of an entry's data. */
export async function zipEntryDigest(
  file: FileHandle,
  entry: ZipEntry,
  limit: number,
): Promise<{ sha1: string; size: number }> {
  const hash = createHash('sha1');
  const size = await readZipEntry(file, entry, limit, (bytes) => void hash.update(bytes));
  return { sha1: hash.digest('hex'), size };
}
