import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import {
  BUNDLE_FORMAT_VERSION,
  type BundleCounts,
  type BundleDevice,
  type BundleImage,
  type BundleInclude,
} from '../../../shared/domain/bundle';
import type { Group } from '../../../shared/domain/group';
import { DomainError } from '../errors';
import { exportTemplate } from '../templates/template-file';
import type { BundleTemplate } from './bundle-content';
import {
  DEVICES_PATH,
  GROUPS_PATH,
  IMAGES_INDEX_PATH,
  MANIFEST_PATH,
  SIGNATURE_PATH,
  imagePath,
  templatePath,
  type Manifest,
  type ManifestEntry,
} from './bundle-manifest';
import type { BundleSigner } from './bundle-signer';
import { TarWriter } from './ustar';

/** What an export reads from this install; each list is read once per export. */
export interface BundleSources {
  /** Library images with where their file is. */
  images(): { meta: BundleImage; path: string }[];
  /** Each template's current version. */
  templates(): BundleTemplate[];
  groups(): Group[];
  /** Inventory rows, without credentials. */
  devices(): BundleDevice[];
}

export interface WrittenBundle {
  manifestSha256: string;
  signerFingerprint: string;
  counts: BundleCounts;
  size: number;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const jsonBytes = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/**
 * Writes a site bundle (docs/site-bundle.md): `manifest.json`, `manifest.sig`, then the data files and the
 * images, streamed from the library one chunk at a time and hashed on the way (a library file that no longer
 * has its hash fails the export, which then leaves no file behind).
 */
export class SiteBundleWriter {
  constructor(private readonly deps: { sources: BundleSources; signer: BundleSigner; createdBy: string }) {}

  async write(include: BundleInclude, dest: string, createdAt: number): Promise<WrittenBundle> {
    const { sources } = this.deps;
    const images = include.images ? sources.images() : [];
    const data = new Map<string, Buffer>();
    if (include.images) data.set(IMAGES_INDEX_PATH, jsonBytes(images.map((i) => i.meta)));
    const templates = include.templates ? sources.templates() : [];
    for (const t of templates) {
      data.set(templatePath(t.id, t.version), Buffer.from(exportTemplate(t, 'json'), 'utf8'));
    }
    const groups = include.groups ? sources.groups() : [];
    if (include.groups) data.set(GROUPS_PATH, jsonBytes(groups));
    const devices = include.devices ? sources.devices() : [];
    if (include.devices) data.set(DEVICES_PATH, jsonBytes(devices));
    const entries: ManifestEntry[] = [
      ...[...data].map(([path, bytes]) => ({ path, size: bytes.length, sha256: sha256(bytes) })),
      ...images.map((i) => ({ path: imagePath(i.meta.sha256), size: i.meta.size, sha256: i.meta.sha256 })),
    ];
    const counts = {
      images: images.length,
      templates: templates.length,
      groups: groups.length,
      devices: devices.length,
    };
    const key = await this.deps.signer.publicKey();
    const manifest: Manifest = {
      format: 'fieldbatch-site-bundle',
      formatVersion: BUNDLE_FORMAT_VERSION,
      createdAt,
      createdBy: this.deps.createdBy,
      signer: { algorithm: 'ed25519', publicKey: key.der.toString('base64'), fingerprint: key.fingerprint },
      counts,
      entries,
    };
    const manifestBytes = jsonBytes(manifest);
    const signature = await this.deps.signer.sign(manifestBytes);
    const file = await open(dest, 'wx', 0o600);
    try {
      const tar = new TarWriter(file, Math.floor(createdAt / 1000));
      await tar.addBuffer(MANIFEST_PATH, manifestBytes);
      await tar.addBuffer(
        SIGNATURE_PATH,
        jsonBytes({ algorithm: 'ed25519', signature: signature.toString('base64') }),
      );
      for (const [path, bytes] of data) await tar.addBuffer(path, bytes);
      for (const image of images) await addImage(tar, image);
      const size = await tar.finish();
      await file.sync();
      await file.close();
      return { manifestSha256: sha256(manifestBytes), signerFingerprint: key.fingerprint, counts, size };
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(dest, { force: true });
      throw error;
    }
  }
}

async function addImage(tar: TarWriter, image: { meta: BundleImage; path: string }): Promise<void> {
  const hash = createHash('sha256');
  try {
    await tar.addFile(imagePath(image.meta.sha256), image.path, image.meta.size, (c) => hash.update(c));
  } catch (error) {
    throw damaged(image.meta, (error as Error).message);
  }
  if (hash.digest('hex') !== image.meta.sha256)
    throw damaged(image.meta, 'its bytes no longer have its sha256');
}

const damaged = (meta: BundleImage, why: string) =>
  new DomainError(
    'CONFLICT',
    `the library's copy of ${meta.fileName} is damaged or missing (${why}); remove it and import it again`,
    { sha256: meta.sha256 },
  );
