import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Group } from '../../../shared/domain/group';
import type { BundleDeviceRepository } from '../storage/repositories/bundle-device-repository';
import type { DeviceRepository } from '../storage/repositories/device-repository';
import type { FirmwareRepository } from '../storage/repositories/firmware-repository';
import type { GroupRepository } from '../storage/repositories/group-repository';
import type { TemplateRepository } from '../storage/repositories/template-repository';
import type { BundleContent } from './bundle-content';
import type { BundlePlan } from './bundle-plan';

export interface BundleApplyDeps {
  bundleDevices: BundleDeviceRepository;
  devices: Pick<DeviceRepository, 'update'>;
  groups: Pick<GroupRepository, 'insert' | 'save' | 'delete' | 'get'>;
  templates: Pick<TemplateRepository, 'addVersion'>;
  firmware: Pick<FirmwareRepository, 'getImage' | 'insertImage'>;
  /** Where the library keeps the image with this hash. */
  imagePath: (sha256: string) => string;
}

interface ApplyOptions extends BundleApplyDeps {
  /** The note of template versions the bundle adds. */
  note: string;
  at: number;
  /** More writes that commit or roll back with the bundle's rows (the signer's pin). */
  inTransaction?: () => void;
}

/**
 * Applies a verified, planned bundle: first the new image files are renamed from staging into the library
 * (same file system, so each move is atomic), then every row in ONE transaction. If the transaction fails, the
 * moved files are removed again, so the library and the database are as they were.
 */
export async function applyBundle(
  content: BundleContent,
  plan: BundlePlan,
  deps: ApplyOptions,
): Promise<void> {
  const changing = new Set(
    plan.items.filter((i) => i.change !== 'unchanged').map((i) => `${i.kind}:${i.key}`),
  );
  const moved: string[] = [];
  try {
    for (const { meta, stagedPath } of content.images) {
      if (!changing.has(`image:${meta.sha256}`)) continue;
      const target = deps.imagePath(meta.sha256);
      if (existsSync(target)) continue;
      await rename(stagedPath, target);
      moved.push(target);
    }
    deps.bundleDevices.transaction(() => {
      writeRows(content, changing, deps);
      deps.inTransaction?.();
    });
  } catch (error) {
    for (const path of moved) await rm(path, { force: true });
    throw error;
  }
}

function writeRows(content: BundleContent, changing: ReadonlySet<string>, deps: ApplyOptions): void {
  for (const { meta } of content.images) {
    if (!deps.firmware.getImage(meta.sha256)) deps.firmware.insertImage({ ...meta, importedAt: deps.at });
  }
  for (const t of content.templates) {
    if (!changing.has(`template:${t.id}`)) continue;
    deps.templates.addVersion({
      id: t.id,
      name: t.name,
      spec: t.spec,
      refs: t.refs,
      note: deps.note,
      at: deps.at,
    });
  }
  for (const d of content.devices) {
    if (!changing.has(`device:${d.id}`)) continue;
    const edit = {
      id: d.id,
      customName: d.customName,
      tags: d.tags,
      notes: d.notes,
      neverTouch: d.neverTouch,
    };
    if (!deps.devices.update(edit)) deps.bundleDevices.insert(d);
  }
  // After the devices, so static members that came with the bundle exist (members not here are left out).
  for (const g of content.groups) {
    if (!changing.has(`group:${g.id}`)) continue;
    const local = deps.groups.get(g.id);
    const group: Group = { ...g, updatedAt: deps.at };
    if (local && local.kind === g.kind) deps.groups.save(group);
    else {
      if (local) deps.groups.delete(g.id);
      deps.groups.insert(group);
    }
  }
}
