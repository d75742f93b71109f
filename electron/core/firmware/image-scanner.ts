import { createHash } from 'node:crypto';

/** Bytes of a file kept while it streams in: enough for any header the inspection looks at first. */
export const HEAD_BYTES = 4096;

export interface ScannedBytes {
  sha256: string;
  size: number;
  /** The first HEAD_BYTES bytes (fewer for a shorter file). */
  head: Buffer;
}

/**
 * Follows an upload chunk by chunk, holding at most HEAD_BYTES in memory: the whole-file SHA-256 (the
 * library's key) and the file's first bytes. Judging the file is image-inspection.ts's job once it is complete.
 */
export class ImageScanner {
  private readonly whole = createHash('sha256');
  private size = 0;
  private head = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.whole.update(chunk);
    this.size += chunk.length;
    if (this.head.length < HEAD_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    }
  }

  finish(): ScannedBytes {
    return { sha256: this.whole.digest('hex'), size: this.size, head: this.head };
  }
}
