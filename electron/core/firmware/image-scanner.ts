import { createHash, type Hash } from 'node:crypto';
import { corruptImage } from './firmware-errors';
import { FBSIM_MAGIC, MAX_MANIFEST_BYTES, readManifest, type FbsimManifest } from './fbsim-manifest';

/** Real firmware files the library takes with typed or file-name metadata. */
export type RealFormat = 'bin' | 'bin.gz' | 'zip';

export type ScanResult =
  | { kind: 'fbsim'; sha256: string; size: number; manifest: FbsimManifest }
  | { kind: 'other'; sha256: string; size: number; format: RealFormat };

/** Magic line + longest manifest + its LF: the most a header can take. */
const HEADER_LIMIT = FBSIM_MAGIC.length + MAX_MANIFEST_BYTES + 1;
const FBSIM_PREFIX = Buffer.from('FBSIM', 'latin1');

/** What each real format starts with: ESP app images 0xE9, gzip 1F 8B, zip local header `PK\3\4`. */
const FORMAT_MAGIC: Record<RealFormat, { bytes: Buffer; what: string }> = {
  bin: { bytes: Buffer.from([0xe9]), what: 'an ESP firmware image (.bin starts with byte E9)' },
  'bin.gz': { bytes: Buffer.from([0x1f, 0x8b]), what: 'a gzip file' },
  zip: { bytes: Buffer.from('PK\x03\x04', 'latin1'), what: 'a zip file' },
};

/** The real format a file name claims, by extension; null for anything else. */
export function realFormatOf(fileName: string): RealFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.bin.gz') || lower.endsWith('.gz')) return 'bin.gz';
  if (lower.endsWith('.bin')) return 'bin';
  if (lower.endsWith('.zip')) return 'zip';
  return null;
}

/**
 * Reads an image as it arrives, chunk by chunk, holding at most the header (≤ 4108 bytes) in memory: the
 * whole-file SHA-256 (the library's key), and for `FBSIM-FW/1` images the manifest and the payload's own
 * hash and length. A file starting with `FBSIM`, or without a real-firmware extension, is judged by the
 * FBSIM rules, so a damaged simulator image is never mistaken for a `.bin`.
 */
export class ImageScanner {
  private readonly whole = createHash('sha256');
  private size = 0;
  private head = Buffer.alloc(0);
  private headerEnd = -1;
  private payload: Hash | null = null;
  private payloadBytes = 0;
  private readonly format: RealFormat | null;

  constructor(private readonly fileName: string) {
    this.format = realFormatOf(fileName);
  }

  push(chunk: Buffer): void {
    this.whole.update(chunk);
    this.size += chunk.length;
    if (this.payload) {
      this.payload.update(chunk);
      this.payloadBytes += chunk.length;
      return;
    }
    if (this.head.length >= HEADER_LIMIT) return;
    const take = chunk.subarray(0, HEADER_LIMIT - this.head.length);
    this.head = Buffer.concat([this.head, take]);
    if (this.format !== null && this.head.length >= FBSIM_PREFIX.length && !this.startsFbsim()) return;
    const lf = this.head.indexOf(0x0a, FBSIM_MAGIC.length);
    if (lf < 0) return;
    this.headerEnd = lf + 1;
    this.payload = createHash('sha256');
    const rest = [this.head.subarray(this.headerEnd), chunk.subarray(take.length)];
    for (const part of rest) {
      this.payload.update(part);
      this.payloadBytes += part.length;
    }
    this.head = this.head.subarray(0, this.headerEnd);
  }

  /** The verdict once every byte was pushed; throws FirmwareImportError('corrupt') with the reason. */
  finish(): ScanResult {
    const sha256 = this.whole.digest('hex');
    if (this.format !== null && !this.startsFbsim()) {
      const magic = FORMAT_MAGIC[this.format];
      if (!this.head.subarray(0, magic.bytes.length).equals(magic.bytes)) {
        throw corruptImage(`not ${magic.what}`, this.fileName);
      }
      return { kind: 'other', sha256, size: this.size, format: this.format };
    }
    if (
      this.head.length < FBSIM_MAGIC.length ||
      !this.head.subarray(0, FBSIM_MAGIC.length).equals(FBSIM_MAGIC)
    ) {
      const what = this.format === null ? ' (and not a .bin, .bin.gz or .zip file)' : '';
      throw corruptImage(`bad magic: not an FBSIM-FW/1 image${what}`, this.fileName);
    }
    if (this.headerEnd < 0 || !this.payload) {
      throw corruptImage(`no manifest line within ${MAX_MANIFEST_BYTES} bytes`, this.fileName);
    }
    const manifest = readManifest(this.head.subarray(FBSIM_MAGIC.length, this.headerEnd - 1));
    if (typeof manifest === 'string') throw corruptImage(manifest, this.fileName);
    if (this.payloadBytes !== manifest.size) {
      throw corruptImage(
        `size mismatch: the manifest says ${manifest.size} payload bytes, the file has ${this.payloadBytes}`,
        this.fileName,
      );
    }
    if (this.payload.digest('hex') !== manifest.sha256) {
      throw corruptImage('sha256 mismatch: the payload does not match the manifest', this.fileName);
    }
    return { kind: 'fbsim', sha256, size: this.size, manifest };
  }

  private startsFbsim(): boolean {
    const n = Math.min(this.head.length, FBSIM_PREFIX.length);
    return n === FBSIM_PREFIX.length && this.head.subarray(0, n).equals(FBSIM_PREFIX);
  }
}

/** Scans a whole buffer at once (tests, small files). */
export function scanImage(fileName: string, data: Buffer, chunkSize = 64 * 1024): ScanResult {
  const scanner = new ImageScanner(fileName);
  for (let i = 0; i < data.length; i += chunkSize) scanner.push(data.subarray(i, i + chunkSize));
  return scanner.finish();
}
