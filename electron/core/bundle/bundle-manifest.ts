import { z } from 'zod';
import { BundleCountsSchema } from '../../../shared/domain/bundle';

/** The archive's fixed layout: which names may appear, and what each holds. */
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'manifest.sig';
export const IMAGES_INDEX_PATH = 'firmware/index.json';
export const GROUPS_PATH = 'groups.json';
export const DEVICES_PATH = 'devices.json';
const IMAGE_PATH = /^firmware\/([0-9a-f]{64})$/;
const TEMPLATE_PATH = /^templates\/(tpl_[0-9a-z]{8,40})\.v([1-9][0-9]{0,8})\.json$/;

export const imagePath = (sha256: string) => `firmware/${sha256}`;
export const templatePath = (id: string, version: number) => `templates/${id}.v${version}.json`;

/** The image hash a `firmware/<sha256>` name stands for, or null. */
export const imageOf = (path: string) => IMAGE_PATH.exec(path)?.[1] ?? null;
/** The template id and version a `templates/<id>.v<n>.json` name stands for, or null. */
export function templateOf(path: string): { id: string; version: number } | null {
  const m = TEMPLATE_PATH.exec(path);
  return m ? { id: m[1]!, version: Number(m[2]) } : null;
}

const DATA_PATHS = new Set([IMAGES_INDEX_PATH, GROUPS_PATH, DEVICES_PATH]);
/** True for a name a manifest may list (the manifest and its signature are not listed). */
export const isDataPath = (path: string) =>
  DATA_PATHS.has(path) || imageOf(path) !== null || templateOf(path) !== null;

export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestEntrySchema = z
  .object({ path: z.string().max(100), size: z.number().int().min(0), sha256: Sha256HexSchema })
  .strict();
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

/** `manifest.json`, the archive's first entry. The format version is checked before the rest is parsed. */
export const ManifestSchema = z
  .object({
    format: z.literal('fieldbatch-site-bundle'),
    formatVersion: z.number().int(),
    createdAt: z.number().int(),
    createdBy: z.string().max(200),
    signer: z
      .object({ algorithm: z.literal('ed25519'), publicKey: z.string().max(200), fingerprint: z.string() })
      .strict(),
    counts: BundleCountsSchema,
    entries: z.array(ManifestEntrySchema),
  })
  .strict();
export type Manifest = z.infer<typeof ManifestSchema>;

/** `manifest.sig`, the second entry: Ed25519 over the exact bytes of `manifest.json`. */
export const SignatureFileSchema = z
  .object({ algorithm: z.literal('ed25519'), signature: z.string().max(200) })
  .strict();
