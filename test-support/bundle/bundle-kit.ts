import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BLOCK, fileHeader, padded, parseHeader } from '../../electron/core/bundle/ustar';
import type { TestAppCore } from '../core/test-app-core';
import type { BundleExportResult } from '../../shared/domain/bundle';

const CHUNK = 512 * 1024;

/** Sends a file to `bundle.beginUpload` / `bundle.uploadChunk` as the renderer does; returns the upload id. */
export async function uploadBundle(app: TestAppCore, bytes: Buffer, fileName = 'site.tar') {
  const { uploadId } = await app.call('bundle.beginUpload', { fileName, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    const dataBase64 = bytes.subarray(offset, offset + CHUNK).toString('base64');
    await app.call('bundle.uploadChunk', { uploadId, offset, dataBase64 });
  }
  return uploadId;
}

/** Reads an export's bytes with `bundle.exportChunk`, as the renderer does. */
export async function downloadExport(app: TestAppCore, result: BundleExportResult): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let offset = 0, done = false; !done;) {
    const chunk = await app.call('bundle.exportChunk', { exportId: result.exportId, offset });
    const bytes = Buffer.from(chunk.dataBase64, 'base64');
    parts.push(bytes);
    offset += bytes.length;
    done = chunk.done;
  }
  return Buffer.concat(parts);
}

const TABLES = [
  'devices',
  'endpoints',
  'device_tags',
  'device_groups',
  'group_members',
  'templates',
  'template_versions',
  'firmware_images',
  'settings',
];

/** Everything an import could change: the rows of those tables and the firmware folder's files with hashes. */
export function snapshotInstall(dataDir: string): string {
  const db = new Database(join(dataDir, 'fieldbatch.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]);
    const dir = join(dataDir, 'firmware');
    const files = readdirSync(dir)
      .filter((f) => f !== '.uploads')
      .sort()
      .map(
        (f) =>
          `${f}:${createHash('sha256')
            .update(readFileSync(join(dir, f)))
            .digest('hex')}`,
      );
    return JSON.stringify({ rows, files });
  } finally {
    db.close();
  }
}

export interface LocatedEntry {
  name: string;
  headerOffset: number;
  dataOffset: number;
  size: number;
}

/** The entries of an archive in memory, with where each header and content is (for tampering tests). */
export function entriesOf(archive: Buffer): LocatedEntry[] {
  const found: LocatedEntry[] = [];
  for (let at = 0; at + BLOCK <= archive.length;) {
    const entry = parseHeader(archive.subarray(at, at + BLOCK), at + BLOCK);
    if (!entry) break;
    found.push({ name: entry.name, headerOffset: at, dataOffset: entry.dataOffset, size: entry.size });
    at = entry.dataOffset + padded(entry.size);
  }
  return found;
}

export function entry(archive: Buffer, name: string): LocatedEntry {
  const found = entriesOf(archive).find((e) => e.name === name);
  if (!found) throw new Error(`no ${name} in the archive`);
  return found;
}

/** One entry as a header and padded content, ready to splice into an archive. */
export function tarEntry(name: string, data: Buffer): Buffer {
  const pad = Buffer.alloc(padded(data.length) - data.length);
  return Buffer.concat([fileHeader(name, data.length, 0), data, pad]);
}

/** Recomputes a header's checksum after its bytes were edited (so only the edit is wrong, not the sum). */
export function withChecksum(header: Buffer): Buffer {
  const h = Buffer.from(header);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** The archive with `extra` entries inserted before its end marker. */
export function withEntries(archive: Buffer, ...extra: Buffer[]): Buffer {
  const last = entriesOf(archive).at(-1)!;
  const end = last.dataOffset + padded(last.size);
  return Buffer.concat([archive.subarray(0, end), ...extra, archive.subarray(end)]);
}
