import { z } from 'zod';
import {
  BundleBeginUploadSchema,
  BundleExportChunkSchema,
  BundleExportResultSchema,
  BundleImportResultSchema,
  BundleImportSchema,
  BundleIncludeSchema,
  BundlePreviewSchema,
  BundleUploadChunkSchema,
} from '../domain/bundle';
import { UploadIdSchema } from '../domain/firmware';

/**
 * Offline site bundles (docs/site-bundle.md), spread into `commands` in contract.ts. A bundle travels in
 * chunks both ways, like a firmware import: out with `bundle.export` + `bundle.exportChunk`, in with
 * `bundle.beginUpload` + `bundle.uploadChunk`, then `bundle.preview` / `bundle.import` on the upload.
 * Refusals are CONFLICT with `details.problem` (BundleProblemSchema) and nothing written.
 */
export const bundleCommands = {
  /** Writes a signed bundle of what `include` names; its bytes are then read with `bundle.exportChunk`. */
  'bundle.export': {
    input: z.object({ include: BundleIncludeSchema }).strict(),
    output: BundleExportResultSchema,
  },
  /** Up to 512 KiB of the export from `offset`. NOT_FOUND once a newer export replaced it. */
  'bundle.exportChunk': {
    input: BundleExportChunkSchema,
    output: z.object({ dataBase64: z.string(), done: z.boolean() }),
  },
  /** Starts an upload of a bundle file of `size` bytes (at most 2 GiB). */
  'bundle.beginUpload': { input: BundleBeginUploadSchema, output: z.object({ uploadId: UploadIdSchema }) },
  /** Appends one chunk (≤ 512 KiB) at `offset`, which must be where the previous one ended. */
  'bundle.uploadChunk': { input: BundleUploadChunkSchema, output: z.object({ received: z.number().int() }) },
  /** Checks every byte of the uploaded bundle and says what importing it would add, update or leave. */
  'bundle.preview': { input: z.object({ uploadId: UploadIdSchema }).strict(), output: BundlePreviewSchema },
  /** Checks every byte again, then applies it all or nothing; pins the signer on first use. */
  'bundle.import': { input: BundleImportSchema, output: BundleImportResultSchema },
} as const;
