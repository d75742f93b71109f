import { existsSync, mkdirSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  BeginUpload,
  FinishUpload,
  FinishUploadResult,
  FirmwareImage,
  FirmwareUpdate,
  UploadChunk,
  UploadId,
} from '../../../shared/domain/firmware';
import { DomainError } from '../errors';
import type { Clock, IdSource, Logger } from '../ports';
import type { FirmwareRepository, StoredFirmwareImage } from '../storage/repositories/firmware-repository';
import { FirmwareImportError } from './firmware-errors';
import type { ImageInspection } from './image-inspection';
import { resolveMetadata } from './image-metadata';
import { FIRMWARE_FILES, UploadSessions } from './upload-sessions';

export interface FirmwareLibraryOptions {
  dataDir: string;
  repo: FirmwareRepository;
  ids: IdSource;
  clock: Clock;
  logger: Logger;
  /** True while a running job may still serve this image; such images cannot be removed. */
  inUse: (sha256: string) => boolean;
  /** Unfinished uploads idle this long are dropped. Default 10 min. */
  abandonAfterMs?: number;
}

/**
 * Firmware images stored content-addressed as `<dataDir>/firmware/<sha256>` (the whole file's hash), indexed in
 * SQLite. Imports arrive in chunks, are hashed and checked while written to a temp file, then fsynced and
 * renamed into place, so the library never holds a half-written image and never a whole file in memory.
 */
export class FirmwareLibrary {
  readonly dir: string;
  private readonly uploads: UploadSessions<ImageInspection>;
  private readonly abandonAfterMs: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: FirmwareLibraryOptions) {
    this.dir = join(options.dataDir, 'firmware');
    mkdirSync(this.dir, { recursive: true });
    this.uploads = new UploadSessions({
      dir: join(this.dir, '.uploads'),
      ids: options.ids,
      clock: options.clock,
      judge: FIRMWARE_FILES,
    });
    this.abandonAfterMs = options.abandonAfterMs ?? 10 * 60_000;
    this.sweeper = setInterval(() => void this.sweepAbandoned(), 60_000);
    this.sweeper.unref();
  }

  async beginUpload(input: BeginUpload): Promise<{ uploadId: UploadId }> {
    await this.sweepAbandoned();
    return { uploadId: await this.uploads.begin(input.fileName, input.size) };
  }

  async uploadChunk(input: UploadChunk): Promise<{ received: number }> {
    return this.uploads.append(input.uploadId, input.offset, Buffer.from(input.dataBase64, 'base64'));
  }

  /**
   * Judges the complete file and adds it. Corrupt and short files drop the upload; missing or conflicting
   * metadata keep it, so the technician can answer and call this again without sending the file twice.
   * The same bytes imported twice return the existing entry with `duplicate: true`. One finish per upload
   * at a time: a concurrent second one is refused (CONFLICT `already-finishing`).
   */
  async finishUpload(input: FinishUpload): Promise<FinishUploadResult> {
    return this.uploads.finishOnce(input.uploadId, () => this.finish(input));
  }

  list(): FirmwareImage[] {
    return this.options.repo.listImages().map((image) => this.toDto(image));
  }

  get(sha256: string): FirmwareImage | null {
    const image = this.options.repo.getImage(sha256);
    return image ? this.toDto(image) : null;
  }

  private async finish(input: FinishUpload): Promise<FinishUploadResult> {
    const { upload, scan } = await this.uploads.complete(input.uploadId);
    const meta = resolveMetadata(scan.inspection, upload.fileName, input);
    const target = this.pathOf(scan.sha256);
    if (this.options.repo.getImage(scan.sha256) && existsSync(target)) await this.uploads.discard(upload.id);
    else await this.moveIntoPlace(upload.tempPath, target, upload.id);
    // Looked up after the move: another upload of the same bytes may have been stored while this one moved.
    const existing = this.options.repo.getImage(scan.sha256);
    if (existing) return { image: this.toDto(existing), duplicate: true };
    const stored: StoredFirmwareImage = {
      sha256: scan.sha256,
      fileName: upload.fileName,
      size: scan.size,
      ...meta,
      notes: input.notes ?? '',
      importedAt: this.options.clock.now(),
    };
    this.options.repo.insertImage(stored);
    this.options.logger.info('firmware imported', {
      sha256: stored.sha256,
      family: stored.family,
      kind: stored.kind,
      chip: stored.chip,
      version: stored.version,
      versionSource: stored.versionSource,
    });
    return { image: this.toDto(stored), duplicate: false };
  }

  /**
   * Notes and model labels always; the version only when the file itself states none (a version read from
   * the header or manifest is what the device reports).
   */
  update(patch: FirmwareUpdate): FirmwareImage {
    const image = this.options.repo.getImage(patch.sha256);
    if (!image) throw new DomainError('NOT_FOUND', `no firmware image ${patch.sha256}`);
    const readFromFile = image.versionSource === 'manifest' || image.versionSource === 'header';
    if (readFromFile && patch.version !== undefined && patch.version !== image.version) {
      throw new FirmwareImportError(
        'metadata-conflict',
        `this image's version ${image.version} is read from the file and is what the device will report`,
      );
    }
    this.options.repo.updateImage(patch.sha256, {
      notes: patch.notes,
      models: patch.models,
      version: readFromFile ? undefined : patch.version,
      versionSource: !readFromFile && patch.version !== undefined ? 'user' : undefined,
    });
    return this.get(patch.sha256)!;
  }

  /** Removes entry and file; CONFLICT while a running job uses the image; false when it was not there. */
  async remove(sha256: string): Promise<{ removed: boolean }> {
    if (!this.options.repo.getImage(sha256)) return { removed: false };
    if (this.options.inUse(sha256)) {
      throw new DomainError('CONFLICT', 'a running job uses this image; remove it when the job has ended');
    }
    this.options.repo.deleteImage(sha256);
    await rm(this.pathOf(sha256), { force: true });
    this.options.logger.info('firmware removed', { sha256 });
    return { removed: true };
  }

  /** Where the image with this hash is stored (whether or not it exists). */
  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
    return join(this.dir, sha256);
  }

  /** Drops uploads idle longer than the limit; returns how many. */
  async sweepAbandoned(): Promise<number> {
    const dropped = await this.uploads.sweep(this.abandonAfterMs);
    if (dropped > 0) this.options.logger.info('abandoned firmware uploads dropped', { dropped });
    return dropped;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.uploads.closeAll();
  }

  private async moveIntoPlace(tempPath: string, target: string, id: UploadId): Promise<void> {
    await rename(tempPath, target);
    this.uploads.release(id);
    await fsyncDir(this.dir);
  }

  private toDto(image: StoredFirmwareImage): FirmwareImage {
    return { ...image, present: existsSync(this.pathOf(image.sha256)) };
  }
}

/** Makes the rename durable; some platforms cannot open a directory for fsync, which is then skipped. */
async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows: EISDIR/EPERM. The file itself was fsynced before the rename.
  }
}
