import { existsSync } from 'node:fs';
import type { BundleDevice } from '../../../shared/domain/bundle';
import { EMPTY_TEMPLATE_REFS } from '../../../shared/domain/template-refs';
import type { DeviceId, DeviceSummary } from '../../../shared/domain/device';
import type { TemplateId } from '../../../shared/domain/templates';
import type { DeviceRepository } from '../storage/repositories/device-repository';
import type { FirmwareRepository } from '../storage/repositories/firmware-repository';
import type { GroupRepository } from '../storage/repositories/group-repository';
import type { TemplateRepository } from '../storage/repositories/template-repository';
import type { BundleTemplate } from './bundle-content';
import type { BundleHere } from './bundle-plan';
import type { BundleSources } from './site-bundle-writer';

export interface InstallRepositories {
  devices: Pick<DeviceRepository, 'list' | 'detail'>;
  groups: Pick<GroupRepository, 'list'>;
  templates: Pick<TemplateRepository, 'list' | 'version'>;
  firmware: Pick<FirmwareRepository, 'listImages' | 'getImage'>;
  imagePath: (sha256: string) => string;
}

/**
 * A device as a bundle carries it. MQTT addresses stay home: they name this install's broker ids. Credentials
 * are in their own tables and the secret store, never read here.
 */
function bundleDevice(summary: DeviceSummary, repos: InstallRepositories): BundleDevice | null {
  const detail = repos.devices.detail(summary.id);
  if (!detail) return null;
  return {
    id: summary.id,
    family: summary.family,
    // The summary's name is the technician's when there is one; the reported one comes back with identify.
    name: summary.customName === null ? summary.name : null,
    customName: summary.customName,
    model: summary.model,
    product: summary.product,
    chip: summary.chip,
    generation: summary.generation,
    firmware: summary.firmware,
    mac: summary.mac,
    tags: summary.tags,
    notes: detail.notes,
    neverTouch: summary.neverTouch,
    firstSeenAt: summary.firstSeenAt,
    lastSeenAt: summary.lastSeenAt,
    endpoints: detail.endpoints
      .filter((e) => e.endpoint.transport !== 'mqtt')
      .map((e) => ({ source: e.source, endpoint: e.endpoint })),
  };
}

/** What an export reads from this install's repositories. */
export function installSources(repos: InstallRepositories): BundleSources {
  return {
    images: () =>
      repos.firmware
        .listImages()
        .filter((image) => existsSync(repos.imagePath(image.sha256)))
        .map(({ importedAt: _importedAt, ...meta }) => ({ meta, path: repos.imagePath(meta.sha256) })),
    templates: () =>
      repos.templates.list().flatMap((summary): BundleTemplate[] => {
        const stored = repos.templates.version(summary.id);
        if (!stored?.isValid) return [];
        const { spec, name, version } = stored.version;
        return [{ id: summary.id, version, name, spec, refs: stored.refs ?? EMPTY_TEMPLATE_REFS }];
      }),
    groups: () => repos.groups.list(),
    devices: () =>
      repos.devices.list().flatMap((d) => {
        const device = bundleDevice(d, repos);
        return device ? [device] : [];
      }),
  };
}

/** This install as an import compares it. */
export function installHere(repos: InstallRepositories): BundleHere {
  return {
    image: (sha256) =>
      repos.firmware.getImage(sha256) ? { present: existsSync(repos.imagePath(sha256)) } : null,
    template: (id) => {
      const stored = repos.templates.version(id as TemplateId);
      if (!stored) return null;
      return stored.isValid ? { name: stored.version.name, spec: stored.version.spec } : 'invalid';
    },
    groups: () => repos.groups.list(),
    device: (id) => {
      const detail = repos.devices.detail(id as DeviceId);
      if (!detail) return null;
      const { customName, tags, neverTouch } = detail.device;
      return { customName, tags, neverTouch, notes: detail.notes };
    },
  };
}
