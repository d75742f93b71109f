import { mkdirSync, rmSync } from 'node:fs';
import { mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  MAX_BUNDLE_BYTES,
  type BundleExportResult,
  type BundleImport,
  type BundleImportResult,
  type BundleInclude,
  type BundlePreview,
  type BundleUploadChunk,
  type ExportId,
} from '../../../shared/domain/bundle';
import { MAX_UPLOAD_CHUNK_BYTES, type UploadId } from '../../../shared/domain/firmware';
import { DomainError } from '../errors';
import { BundleError } from './bundle-errors';
import { UploadSessions, type FileJudge } from '../firmware/upload-sessions';
import type { Clock, IdSource, Logger } from '../ports';
import { applyBundle, type BundleApplyDeps } from './bundle-apply';
import { readContent, type BundleContent } from './bundle-content';
import { planImport, type BundleHere, type BundlePlan } from './bundle-plan';
import type { SignerTrust } from './signer-trust';
import { SiteBundleReader, type VerifiedBundle } from './site-bundle-reader';
import type { SiteBundleWriter } from './site-bundle-writer';

const ABANDON_AFTER_MS = 10 * 60_000;

/** Bundles are judged by the reader at preview and import, not while they arrive. */
const BUNDLE_FILES: FileJudge<null> = {
  what: 'site bundles',
  maxBytes: MAX_BUNDLE_BYTES,
  checkHead: () => undefined,
  judge: async () => null,
};

export interface SiteBundleServiceOptions {
  dataDir: string;
  writer: SiteBundleWriter;
  here: BundleHere;
  apply: BundleApplyDeps;
  trust: SignerTrust;
  ids: IdSource;
  clock: Clock;
  logger: Logger;
  /** Called after an import committed (the UI re-reads devices, groups, images, templates). */
  imported: () => void;
}

interface Checked {
  bundle: VerifiedBundle;
  content: BundleContent;
  plan: BundlePlan;
}

/**
 * Export and import of site bundles (docs/site-bundle.md), under `<dataDir>/bundles/`: `exports/` (the last
 * export, fetched in chunks), `uploads/` (bundles arriving in chunks), `staging/` (a bundle's files while they
 * are checked; same file system as the library, so an import moves them in by rename).
 */
export class SiteBundleService {
  private readonly exportsDir: string;
  private readonly stagingDir: string;
  private readonly uploads: UploadSessions<null>;
  private readonly reader = new SiteBundleReader();
  private importing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SiteBundleServiceOptions) {
    const root = join(options.dataDir, 'bundles');
    this.exportsDir = join(root, 'exports');
    this.stagingDir = join(root, 'staging');
    for (const dir of [this.exportsDir, this.stagingDir]) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
    this.uploads = new UploadSessions({
      dir: join(root, 'uploads'),
      ids: options.ids,
      clock: options.clock,
      judge: BUNDLE_FILES,
    });
  }

  /** Writes a bundle (replacing the previous export) and says how to fetch it. */
  async export(include: BundleInclude): Promise<BundleExportResult> {
    for (const old of await readdir(this.exportsDir)) await rm(join(this.exportsDir, old), { force: true });
    const exportId = this.options.ids.next('bex') as ExportId;
    const at = this.options.clock.now();
    const written = await this.options.writer.write(include, this.exportPath(exportId), at);
    const day = new Date(at).toISOString().slice(0, 10);
    this.options.logger.info('site bundle exported', { ...written.counts, manifest: written.manifestSha256 });
    return {
      exportId,
      fileName: `site-bundle-${day}.fieldbatch.tar`,
      size: written.size,
      manifestSha256: written.manifestSha256,
      signerFingerprint: written.signerFingerprint,
      counts: written.counts,
    };
  }

  /** Up to MAX_UPLOAD_CHUNK_BYTES of the export from `offset`; `done` once the end is reached. */
  async exportChunk(input: {
    exportId: ExportId;
    offset: number;
  }): Promise<{ dataBase64: string; done: boolean }> {
    const file = await open(this.exportPath(input.exportId), 'r').catch(() => {
      throw new DomainError('NOT_FOUND', 'that export is gone (a newer one replaced it); export again');
    });
    try {
      const size = (await file.stat()).size;
      const length = Math.max(0, Math.min(MAX_UPLOAD_CHUNK_BYTES, size - input.offset));
      const buffer = Buffer.alloc(length);
      await file.read(buffer, 0, length, input.offset);
      return { dataBase64: buffer.toString('base64'), done: input.offset + length >= size };
    } finally {
      await file.close();
    }
  }

  /** Uploads idle this long (a preview never imported, a file half sent) are dropped when another begins. */
  async beginUpload(input: { fileName: string; size: number }): Promise<{ uploadId: UploadId }> {
    await this.uploads.sweep(ABANDON_AFTER_MS);
    return { uploadId: await this.uploads.begin(input.fileName, input.size) };
  }

  async uploadChunk(input: BundleUploadChunk): Promise<{ received: number }> {
    return this.uploads.append(input.uploadId, input.offset, Buffer.from(input.dataBase64, 'base64'));
  }

  /** Reads and checks the whole uploaded bundle, and says what an import would do; writes nothing. */
  async preview(input: { uploadId: UploadId }): Promise<BundlePreview> {
    return this.checked(input.uploadId, async ({ bundle, plan }) => {
      const { manifest } = bundle;
      return {
        manifestSha256: bundle.manifestSha256,
        formatVersion: manifest.formatVersion,
        createdAt: manifest.createdAt,
        createdBy: manifest.createdBy,
        signerFingerprint: bundle.signerFingerprint,
        signerStatus: await this.options.trust.status(bundle.signerFingerprint),
        counts: manifest.counts,
        ...plan,
      };
    });
  }

  /**
   * Checks every byte again, then applies: image files moved in, rows in one transaction. Refused (nothing
   * written) for any problem of the file, and for a signer this install does not trust unless `trustSigner`.
   */
  async import(input: BundleImport): Promise<BundleImportResult> {
    // One import at a time: a second one plans against what the first wrote (a double click adds nothing twice).
    const run = this.importing.then(() => this.importNow(input));
    this.importing = run.catch(() => undefined);
    return run;
  }

  private async importNow(input: BundleImport): Promise<BundleImportResult> {
    const result = await this.checked(input.uploadId, async ({ bundle, content, plan }) => {
      const fingerprint = bundle.signerFingerprint;
      const status = await this.options.trust.check(fingerprint, input.trustSigner);
      const at = this.options.clock.now();
      const note = `from site bundle ${bundle.manifestSha256.slice(0, 12)}`;
      const pin = status === 'own' ? undefined : () => this.options.trust.pin(fingerprint, at);
      await applyBundle(content, plan, { ...this.options.apply, note, at, inTransaction: pin });
      this.options.logger.info('site bundle imported', {
        manifest: bundle.manifestSha256,
        signer: fingerprint,
      });
      return { manifestSha256: bundle.manifestSha256, signerFingerprint: fingerprint, tally: plan.tally };
    });
    await this.uploads.discard(input.uploadId);
    this.options.imported();
    return result;
  }

  async close(): Promise<void> {
    await this.uploads.closeAll();
  }

  /**
   * Reads the upload into a fresh staging folder and runs `work` on it; the folder goes in any case. A refused
   * file also drops its upload; one refused only for its signer stays, to be imported once trusted.
   */
  private async checked<T>(uploadId: UploadId, work: (checked: Checked) => Promise<T>): Promise<T> {
    const { upload } = await this.uploads.complete(uploadId);
    const staging = await mkdtemp(join(this.stagingDir, 'b-'));
    try {
      const bundle = await this.reader.read(upload.tempPath, staging);
      const content = await readContent(bundle);
      return await work({ bundle, content, plan: planImport(content, this.options.here) });
    } catch (error) {
      if (error instanceof BundleError && error.problem !== 'untrusted-signer') {
        await this.uploads.discard(uploadId);
      }
      throw error;
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  private exportPath(id: ExportId): string {
    return join(this.exportsDir, `${id}.tar`);
  }
}

/** Who made a bundle, for its manifest. */
export const createdByHere = (version: string) => `Fieldbatch ${version} on ${hostname()}`;
