import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { BundleError } from './bundle-errors';

/**
 * A small, strict POSIX ustar writer and reader (header layout, octal fields and checksum as in IEEE Std
 * 1003.1-2017, pax, "ustar Interchange Format":
 * https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06), enough for
 * site bundles: regular files only, names up to 100 bytes in `name` (the reader also joins `prefix`), octal
 * sizes. The reader refuses anything else (links, devices, directories, pax/GNU extension headers, base-256
 * sizes) rather than interpret it. Both sides stream: content is never held whole in memory.
 */
export const BLOCK = 512;
const NAME_BYTES = 100;
const ZERO_BLOCK = Buffer.alloc(BLOCK);

/** Bytes the content of `size` takes in the archive, padded to whole blocks. */
export const padded = (size: number) => Math.ceil(size / BLOCK) * BLOCK;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** The sum of the header's bytes with its checksum field read as eight spaces (ustar's definition). */
function checksumOf(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum;
}

/** A regular-file header; `mtimeSeconds` is the same for every entry of a bundle (its creation time). */
export function fileHeader(name: string, size: number, mtimeSeconds: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > NAME_BYTES) throw new Error(`tar name longer than ${NAME_BYTES} bytes: ${name}`);
  const h = Buffer.alloc(BLOCK);
  nameBytes.copy(h, 0);
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtimeSeconds, 12), 136, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\x0000', 257, 'latin1');
  h.write(`${checksumOf(h).toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** Writes entries one after another into an open file, then the two zero blocks that end an archive. */
export class TarWriter {
  private position = 0;

  constructor(
    private readonly file: FileHandle,
    private readonly mtimeSeconds: number,
  ) {}

  async addBuffer(name: string, data: Buffer): Promise<void> {
    await this.write(fileHeader(name, data.length, this.mtimeSeconds));
    await this.write(data);
    await this.pad(data.length);
  }

  /**
   * Streams a file of `size` bytes in; each chunk also goes to `onChunk` (hashing). Throws when the file
   * holds another number of bytes than announced (it changed since it was listed).
   */
  async addFile(name: string, path: string, size: number, onChunk: (chunk: Buffer) => void): Promise<void> {
    await this.write(fileHeader(name, size, this.mtimeSeconds));
    let written = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
      const bytes = chunk as Buffer;
      written += bytes.length;
      if (written > size) break;
      onChunk(bytes);
      await this.write(bytes);
    }
    if (written !== size) throw new Error(`${path} holds ${written} bytes, ${size} were listed`);
    await this.pad(size);
  }

  async finish(): Promise<number> {
    await this.write(ZERO_BLOCK);
    await this.write(ZERO_BLOCK);
    return this.position;
  }

  private async pad(size: number): Promise<void> {
    const rest = padded(size) - size;
    if (rest > 0) await this.write(ZERO_BLOCK.subarray(0, rest));
  }

  private async write(data: Buffer): Promise<void> {
    await this.file.write(data, 0, data.length, this.position);
    this.position += data.length;
  }
}

/** One entry as its header says: the name, the content size and where the content starts in the file. */
export interface TarEntry {
  name: string;
  size: number;
  dataOffset: number;
}

function field(header: Buffer, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octalField(header: Buffer, offset: number, length: number, what: string): number {
  const text = header
    .subarray(offset, offset + length)
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
  if (!/^[0-7]{1,11}$/.test(text)) throw corrupt(`the ${what} field of an entry is not an octal number`);
  return parseInt(text, 8);
}

const corrupt = (reason: string) =>
  new BundleError('corrupt-archive', `the file is not a readable bundle archive: ${reason}`);

/** Reads and checks one header block; null for the first of the two zero blocks that end the archive. */
export function parseHeader(header: Buffer, dataOffset: number): TarEntry | null {
  if (header.equals(ZERO_BLOCK)) return null;
  const stored = octalField(header, 148, 8, 'checksum');
  if (stored !== checksumOf(header)) throw corrupt('a header checksum does not match (the file is damaged)');
  if (header.toString('latin1', 257, 263) !== 'ustar\0') throw corrupt('an entry is not in ustar format');
  const type = header.toString('latin1', 156, 157);
  const prefix = field(header, 345, 155);
  const name = prefix === '' ? field(header, 0, NAME_BYTES) : `${prefix}/${field(header, 0, NAME_BYTES)}`;
  if (type !== '0' && type !== '\0') {
    throw new BundleError(
      'unsupported-entry',
      `the bundle holds "${name.slice(0, 100)}", which is not a plain file (a link, folder or device); bundles hold files only`,
      { path: name.slice(0, 200) },
    );
  }
  return { name, size: octalField(header, 124, 12, 'size'), dataOffset };
}

/** Walks an archive's entries by positional reads; content is read only when asked. */
export class TarReader {
  private offset = 0;
  private ended = false;

  constructor(
    private readonly file: FileHandle,
    private readonly fileSize: number,
  ) {}

  /** The next entry, or null at the end marker. Throws BundleError for a damaged or cut archive. */
  async next(): Promise<TarEntry | null> {
    if (this.ended) return null;
    const header = await this.readAt(this.offset, BLOCK);
    const entry = parseHeader(header, this.offset + BLOCK);
    if (!entry) {
      await this.checkEnd(this.offset + BLOCK);
      this.ended = true;
      return null;
    }
    if (entry.dataOffset + padded(entry.size) > this.fileSize) {
      throw truncated(`"${entry.name}" is cut short`);
    }
    this.offset = entry.dataOffset + padded(entry.size);
    return entry;
  }

  /** The entry's content in chunks of at most `chunkBytes`. */
  async *content(entry: TarEntry, chunkBytes = 256 * 1024): AsyncGenerator<Buffer> {
    for (let done = 0; done < entry.size;) {
      const length = Math.min(chunkBytes, entry.size - done);
      yield await this.readAt(entry.dataOffset + done, length);
      done += length;
    }
  }

  /** The second zero block must follow, and nothing but zeros after it (tar pads to its record size). */
  private async checkEnd(from: number): Promise<void> {
    if (from + BLOCK > this.fileSize) throw truncated('the end of the archive is missing');
    for (let at = from; at < this.fileSize; at += BLOCK) {
      const block = await this.readAt(at, Math.min(BLOCK, this.fileSize - at));
      if (block.some((byte) => byte !== 0)) throw corrupt('data follows the end of the archive');
    }
  }

  private async readAt(position: number, length: number): Promise<Buffer> {
    if (position + length > this.fileSize) throw truncated('the archive ends in the middle of an entry');
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await this.file.read(buffer, 0, length, position);
    if (bytesRead !== length) throw truncated('the archive ends in the middle of an entry');
    return buffer;
  }
}

const truncated = (what: string) =>
  new BundleError('truncated', `the bundle file is incomplete (truncated): ${what}; copy it again`);
