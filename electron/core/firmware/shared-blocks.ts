import { close, read } from 'node:fs';
import { BufferPool } from './buffer-pool';

/** Read size: few, large reads and writes keep the work per byte low (bench/firmware-server.ts). */
export const BLOCK_BYTES = 256 * 1024;

interface Entry {
  buffer: Buffer;
  ready: Promise<void>;
  bytes: number;
  /** Open cursors still before or at this block: it is dropped when the last of them has taken it. */
  pending: number;
}

interface SharedFile {
  key: string;
  fd: number;
  size: number;
  blocks: Map<number, Entry>;
  cursors: Set<BlockCursor>;
  reads: number;
}

/** A block as handed to a cursor: `buffer` is filled once `ready` resolves; the cursor holds one reference. */
interface Taken {
  buffer: Buffer;
  ready: Promise<void>;
}

const blockLength = (file: SharedFile, index: number) =>
  Math.min(BLOCK_BYTES, file.size - index * BLOCK_BYTES);

/**
 * Streams files block by block, and lets downloads of the same file version that run at the same time
 * share the blocks: when 100 devices pull one image at once, each block is read from disk once and written
 * to every socket, instead of read 100 times into 100 buffers. A block is kept only while an open download
 * has yet to take it, and never beyond `budgetBytes` in all; a download alone reads its own blocks. Block
 * buffers come from a reference-counted pool. Memory depends on the budget and the number of connections,
 * never on file size.
 */
export class SharedBlocks {
  readonly pool = new BufferPool(BLOCK_BYTES, 32);
  private readonly files = new Map<string, SharedFile>();
  private cachedBytes = 0;
  private diskReads = 0;

  constructor(private readonly budgetBytes = 8 * 1024 * 1024) {}

  /**
   * A cursor over a verified file version (`key`), taking ownership of `fd`: it is closed at once when
   * this version is already open, else when the last cursor over it is closed.
   */
  open(key: string, fd: number, size: number): BlockCursor {
    let file = this.files.get(key);
    if (file) close(fd, () => undefined);
    else this.files.set(key, (file = { key, fd, size, blocks: new Map(), cursors: new Set(), reads: 0 }));
    const cursor = new BlockCursor(this, file);
    file.cursors.add(cursor);
    for (const entry of file.blocks.values()) entry.pending++;
    return cursor;
  }

  /** Bytes held for sharing, blocks read from disk so far, files open, pooled buffers (tests, diagnostics). */
  get stats(): { heldBytes: number; diskReads: number; openFiles: number; buffersHeld: number } {
    return {
      heldBytes: this.cachedBytes,
      diskReads: this.diskReads,
      openFiles: this.files.size,
      buffersHeld: this.pool.stats.held,
    };
  }

  /** @internal The block at `index` for a cursor there; shared when another open cursor will want it too. */
  take(file: SharedFile, index: number): Taken {
    let entry = file.blocks.get(index);
    if (!entry) {
      const taken = this.read(file, index);
      const pending = [...file.cursors].filter((c) => c.position <= index).length;
      const bytes = blockLength(file, index);
      if (pending < 2 || this.cachedBytes + bytes > this.budgetBytes) return taken;
      // The read's reference becomes the cache's; the cursor takes its own below.
      entry = { ...taken, bytes, pending };
      file.blocks.set(index, entry);
      this.cachedBytes += bytes;
      taken.ready.catch(() => this.drop(file, index));
    }
    this.pool.retain(entry.buffer);
    const taken = { buffer: entry.buffer, ready: entry.ready };
    this.unpend(file, index);
    return taken;
  }

  /** @internal A cursor leaves at `position`: it no longer holds the blocks from there on. */
  leave(file: SharedFile, cursor: BlockCursor): void {
    if (!file.cursors.delete(cursor)) return;
    for (const index of [...file.blocks.keys()]) if (index >= cursor.position) this.unpend(file, index);
    this.closeIfIdle(file);
  }

  private read(file: SharedFile, index: number): Taken {
    const length = blockLength(file, index);
    const buffer = this.pool.acquire(length);
    file.reads++;
    this.diskReads++;
    const ready = new Promise<void>((resolve, reject) => {
      read(file.fd, buffer, 0, length, index * BLOCK_BYTES, (error, n) => {
        file.reads--;
        this.closeIfIdle(file);
        if (error) reject(error);
        else if (n !== length) reject(new Error(`short read at block ${index}: ${n} of ${length} bytes`));
        else resolve();
      });
    });
    return { buffer, ready };
  }

  private unpend(file: SharedFile, index: number): void {
    const entry = file.blocks.get(index);
    if (entry && --entry.pending <= 0) this.drop(file, index);
  }

  private drop(file: SharedFile, index: number): void {
    const entry = file.blocks.get(index);
    if (!entry) return;
    file.blocks.delete(index);
    this.cachedBytes -= entry.bytes;
    this.pool.release(entry.buffer);
  }

  private closeIfIdle(file: SharedFile): void {
    if (file.cursors.size > 0 || file.reads > 0 || this.files.get(file.key) !== file) return;
    this.files.delete(file.key);
    close(file.fd, () => undefined);
  }
}

/**
 * One download's position in a shared file. Each block `next()` returns is held for the caller until it
 * calls `done(block)`; a socket write of it should `retain` before and `done` in its callback.
 */
export class BlockCursor {
  position = 0;

  constructor(
    private readonly owner: SharedBlocks,
    private readonly file: SharedFile,
  ) {}

  /** The next block, or null after the last one. */
  async next(): Promise<Buffer | null> {
    if (this.position * BLOCK_BYTES >= this.file.size) return null;
    const { buffer, ready } = this.owner.take(this.file, this.position);
    this.position++;
    try {
      await ready;
    } catch (error) {
      this.owner.pool.release(buffer);
      throw error;
    }
    return buffer;
  }

  /** One more holder of `block` (e.g. a socket write in flight). */
  retain(block: Buffer): void {
    this.owner.pool.retain(block);
  }

  /** A holder of `block` is done with it. */
  done(block: Buffer): void {
    this.owner.pool.release(block);
  }

  /** Ends this download's claim (idempotent); the descriptor closes when no read needs it any more. */
  close(): void {
    this.owner.leave(this.file, this);
  }
}
