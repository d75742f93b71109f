import { open } from 'node:fs/promises';
import type { z } from 'zod';
import {
  BundleDeviceSchema,
  BundleGroupsSchema,
  BundleImageSchema,
  type BundleCounts,
  type BundleDevice,
  type BundleImage,
} from '../../../shared/domain/bundle';
import type { Group } from '../../../shared/domain/group';
import type { TemplateId } from '../../../shared/domain/templates';
import { inspectImageFile } from '../firmware/image-inspection';
import { HEAD_BYTES } from '../firmware/image-scanner';
import { importTemplate, type TemplateFileContent } from '../templates/template-file';
import { BundleError } from './bundle-errors';
import { DEVICES_PATH, GROUPS_PATH, IMAGES_INDEX_PATH, templateOf } from './bundle-manifest';
import type { VerifiedBundle } from './site-bundle-reader';

export interface BundleTemplate extends TemplateFileContent {
  id: TemplateId;
  version: number;
}

/** What a verified bundle holds, parsed and checked: the images by the app's own import checks too. */
export interface BundleContent {
  images: { meta: BundleImage; stagedPath: string }[];
  templates: BundleTemplate[];
  groups: Group[];
  devices: BundleDevice[];
}

function parseJson<S extends z.ZodType>(bundle: VerifiedBundle, path: string, schema: S): z.infer<S> | null {
  const bytes = bundle.json.get(path);
  if (!bytes) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BundleError('bad-content', `${path} is not JSON`, { path });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BundleError('bad-content', `${path}: ${issue.path.join('.')}: ${issue.message}`, { path });
  }
  return parsed.data;
}

function parseTemplates(bundle: VerifiedBundle): BundleTemplate[] {
  const templates: BundleTemplate[] = [];
  for (const [path, bytes] of bundle.json) {
    const at = templateOf(path);
    if (!at) continue;
    const result = importTemplate(bytes.toString('utf8'));
    if (!result.ok) {
      const issue = result.issues[0]!;
      throw new BundleError('bad-content', `${path}: ${issue.path}: ${issue.message}`, { path });
    }
    templates.push({ ...result, id: at.id as TemplateId, version: at.version });
  }
  return templates;
}

/** Every image listed once in the index, and every index record with its file, of the same size. */
function pairImages(bundle: VerifiedBundle): BundleContent['images'] {
  const index = parseJson(bundle, IMAGES_INDEX_PATH, BundleImageSchema.array()) ?? [];
  const bad = (message: string) => new BundleError('bad-content', message, { path: IMAGES_INDEX_PATH });
  const paired = index.map((meta) => {
    const stagedPath = bundle.images.get(meta.sha256);
    if (!stagedPath) throw bad(`${IMAGES_INDEX_PATH} describes image ${meta.sha256}, which the bundle lacks`);
    return { meta, stagedPath };
  });
  if (new Set(index.map((m) => m.sha256)).size !== index.length) throw bad('an image is described twice');
  if (paired.length !== bundle.images.size) throw bad('an image of the bundle is not described in the index');
  return paired;
}

/** Runs the firmware library's own checks on each image and holds it to what the index says of it. */
async function checkImage(image: BundleContent['images'][number]): Promise<void> {
  const { meta, stagedPath } = image;
  const path = `firmware/${meta.sha256}`;
  const file = await open(stagedPath, 'r');
  const head = Buffer.alloc(Math.min(HEAD_BYTES, meta.size));
  try {
    await file.read(head, 0, head.length, 0);
  } finally {
    await file.close();
  }
  try {
    const seen = await inspectImageFile(stagedPath, meta.fileName, head);
    const differs = (['format', 'kind', 'chip', 'app'] as const).find((k) => seen[k] !== meta[k]);
    if (differs) {
      throw new BundleError(
        'bad-image',
        `${meta.fileName}: the index says ${differs} ${meta[differs]}, the image itself says ${seen[differs]}`,
        { path },
      );
    }
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(
      'bad-image',
      `${meta.fileName} fails the firmware checks: ${(error as Error).message}`,
      {
        path,
      },
    );
  }
}

export async function readContent(bundle: VerifiedBundle): Promise<BundleContent> {
  const content: BundleContent = {
    images: pairImages(bundle),
    templates: parseTemplates(bundle),
    groups: parseJson(bundle, GROUPS_PATH, BundleGroupsSchema) ?? [],
    devices: parseJson(bundle, DEVICES_PATH, BundleDeviceSchema.array()) ?? [],
  };
  const counts: BundleCounts = {
    images: content.images.length,
    templates: content.templates.length,
    groups: content.groups.length,
    devices: content.devices.length,
  };
  const stated = bundle.manifest.counts;
  const off = (Object.keys(counts) as (keyof BundleCounts)[]).find((k) => counts[k] !== stated[k]);
  if (off) {
    throw new BundleError(
      'bad-manifest',
      `the manifest counts ${stated[off]} ${off}, the bundle holds ${counts[off]}`,
    );
  }
  for (const image of content.images) await checkImage(image);
  return content;
}
