import { mkdirSync, rmSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_FIRMWARE_BYTES, MAX_UPLOAD_CHUNK_BYTES, type UploadId } from '../../../shared/domain/firmware';
import { DomainError } from '../errors';
import type { Clock, IdSource } from '../ports';
import { FirmwareImportError } from './firmware-errors';
import { contentFormat, inspectImageFile, type ImageInspection } from './image-inspection';
import { ImageScanner } from './image-scanner';

/** What kind of file an upload carries and how it is judged (firmware images unless told otherwise). */
export interface FileJudge<J> {
  /** How the files are called in refusals, e.g. `firmware files`. */
  what: string;
  maxBytes: number;
  /** Refuses a file by its first bytes (at least 4, or the whole file), before the rest is sent. */
  checkHead(fileName: string, head: Buffer): void;
  /** Judges the complete file on disk; throws to refuse it. */
  judge(path: string, fileName: string, head: Buffer): Promise<J>;
}

/** The firmware library's judge: the format by the first bytes, then every check of image-inspection.ts. */
export const FIRMWARE_FILES: FileJudge<ImageInspection> = {
  what: 'firmware files',
  maxBytes: MAX_FIRMWARE_BYTES,
  checkHead: (fileName, head) => void contentFormat(fileName, head),
  judge: inspectImageFile,
};

/** A complete upload, judged: its hash, size and what its bytes say. */
export interface ScanResult<J = ImageInspection> {
  sha256: string;
  size: number;
  inspection: J;
}

/** One import in progress: bytes go to a temp file and through the scanner as they arrive. */
export interface Upload<J = ImageInspection> {
  readonly id: UploadId;
  readonly fileName: string;
  readonly size: number;
  readonly tempPath: string;
  /** Set once every byte arrived and the file was judged sound; the upload then waits for its caller. */
  scan: ScanResult<J> | null;
}

interface Session<J> extends Upload<J> {
  nextOffset: number;
  written: number;
  handle: FileHandle | null;
  scanner: ImageScanner;
  /** Writes run one after another in offset order, even when chunks are sent without waiting. */
  queue: Promise<void>;
  failure: Error | null;
  lastActivity: number;
  /** A finish is running: a second one, or another chunk, would judge, move or drop the file under it. */
  finishing: boolean;
}

export interface UploadSessionsOptions<J> {
  /** Where partial files live; emptied at start-up (leftovers of a crash). */
  dir: string;
  ids: IdSource;
  clock: Clock;
  /** Unfinished uploads at once. Default 4. */
  maxOpen?: number;
  /** What the files are and how they are judged, e.g. FIRMWARE_FILES. */
  judge: FileJudge<J>;
}

/** Chunked uploads into temp files, with contiguous offsets, a size cap and clean-up of abandoned ones. */
export class UploadSessions<J> {
  private readonly sessions = new Map<UploadId, Session<J>>();
  private readonly maxOpen: number;
  private readonly judge: FileJudge<J>;

  constructor(private readonly options: UploadSessionsOptions<J>) {
    this.maxOpen = options.maxOpen ?? 4;
    this.judge = options.judge;
    rmSync(options.dir, { recursive: true, force: true });
    mkdirSync(options.dir, { recursive: true });
  }

  async begin(fileName: string, size: number): Promise<UploadId> {
    if (!Number.isInteger(size) || size < 1 || size > this.judge.maxBytes) {
      throw new FirmwareImportError(
        'too-large',
        `${this.judge.what} are limited to ${this.judge.maxBytes} bytes`,
      );
    }
    if (this.sessions.size >= this.maxOpen) {
      throw new FirmwareImportError(
        'too-many-uploads',
        `${this.sessions.size} imports are unfinished; finish or wait for them to expire first`,
      );
    }
    const id = this.options.ids.next('upl') as UploadId;
    const tempPath = join(this.options.dir, `${id}.part`);
    const handle = await open(tempPath, 'wx', 0o600);
    this.sessions.set(id, {
      id,
      fileName,
      size,
      tempPath,
      scan: null,
      nextOffset: 0,
      written: 0,
      handle,
      scanner: new ImageScanner(),
      queue: Promise.resolve(),
      failure: null,
      lastActivity: this.options.clock.now(),
      finishing: false,
    });
    return id;
  }

  /** Appends one chunk; `offset` must be where the previous chunk ended. Resolves when it is written. */
  async append(id: UploadId, offset: number, data: Buffer): Promise<{ received: number }> {
    const s = this.session(id);
    if (s.finishing) throw alreadyFinishing();
    if (s.scan || !s.handle) throw new DomainError('CONFLICT', `upload ${id} already received all its bytes`);
    if (data.length === 0 || data.length > MAX_UPLOAD_CHUNK_BYTES) {
      throw new DomainError('CONFLICT', `a chunk must hold 1 to ${MAX_UPLOAD_CHUNK_BYTES} bytes`);
    }
    if (offset !== s.nextOffset) {
      throw new FirmwareImportError(
        'bad-offset',
        `expected the chunk at offset ${s.nextOffset}, got ${offset}`,
        {
          expected: s.nextOffset,
        },
      );
    }
    if (offset + data.length > s.size) {
      await this.discard(id);
      throw new FirmwareImportError(
        'size-mismatch',
        `more bytes arrived than the ${s.size} announced; the import was dropped`,
      );
    }
    // The first bytes tell the format: a file that is no firmware is refused before the rest is sent.
    if (offset === 0 && (data.length >= 4 || data.length === s.size)) {
      try {
        this.judge.checkHead(s.fileName, data);
      } catch (error) {
        await this.discard(id);
        throw error;
      }
    }
    s.nextOffset += data.length;
    s.lastActivity = this.options.clock.now();
    const handle = s.handle;
    s.queue = s.queue.then(async () => {
      if (s.failure) return;
      try {
        await handle.write(data, 0, data.length, offset);
        s.scanner.push(data);
        s.written += data.length;
      } catch (error) {
        s.failure = error as Error;
      }
    });
    await s.queue;
    if (s.failure) {
      await this.discard(id);
      throw s.failure;
    }
    return { received: s.written };
  }

  /**
   * Every byte is in: fsync, close, and judge the file by its bytes. A short or corrupt file drops the upload
   * (and throws); a sound one stays until `discard`/`release`, so metadata can still be added.
   */
  async complete(id: UploadId): Promise<{ upload: Upload<J>; scan: ScanResult<J> }> {
    const s = this.session(id);
    await s.queue;
    if (s.scan) return { upload: s, scan: s.scan };
    if (s.written !== s.size) {
      await this.discard(id);
      throw new FirmwareImportError(
        'size-mismatch',
        `${s.written} of the ${s.size} announced bytes arrived; the import was dropped`,
        { received: s.written, expected: s.size },
      );
    }
    try {
      await s.handle!.sync();
      await s.handle!.close();
      s.handle = null;
      const { sha256, size, head } = s.scanner.finish();
      s.scan = { sha256, size, inspection: await this.judge.judge(s.tempPath, s.fileName, head) };
    } catch (error) {
      await this.discard(id);
      throw error;
    }
    s.lastActivity = this.options.clock.now();
    return { upload: s, scan: s.scan };
  }

  /**
   * Runs `work` as the only finish of this upload: while it runs, another finish (or chunk) of the same upload
   * is refused with CONFLICT `already-finishing`, so its file is never judged, moved or stored twice.
   */
  async finishOnce<T>(id: UploadId, work: () => Promise<T>): Promise<T> {
    const s = this.session(id);
    if (s.finishing) throw alreadyFinishing();
    s.finishing = true;
    try {
      return await work();
    } finally {
      s.finishing = false;
    }
  }

  /** Forgets an upload whose temp file was moved into the library. */
  release(id: UploadId): void {
    this.sessions.delete(id);
  }

  /** Drops an upload and its temp file. */
  async discard(id: UploadId): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    await s.handle?.close().catch(() => undefined);
    await rm(s.tempPath, { force: true });
  }

  /** Drops uploads without activity for `idleMs`; returns how many. */
  async sweep(idleMs: number): Promise<number> {
    const limit = this.options.clock.now() - idleMs;
    const stale = [...this.sessions.values()].filter((s) => s.lastActivity <= limit);
    for (const s of stale) await this.discard(s.id);
    return stale.length;
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.sessions.keys()]) await this.discard(id);
  }

  get openCount(): number {
    return this.sessions.size;
  }

  private session(id: UploadId): Session<J> {
    const s = this.sessions.get(id);
    if (!s)
      throw new DomainError('NOT_FOUND', `no upload ${id} (finished, dropped, abandoned or never begun)`);
    return s;
  }
}

function alreadyFinishing(): FirmwareImportError {
  return new FirmwareImportError(
    'already-finishing',
    'this upload is already being finished; its result will show when that ends',
  );
}
