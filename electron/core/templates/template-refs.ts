import type { FirmwareImage } from '../../../shared/domain/firmware';
import type { Group, GroupId } from '../../../shared/domain/group';
import type { JobSpec } from '../../../shared/domain/job';
import type { TemplateGroupRef, TemplateImageRef, TemplateRefs } from '../../../shared/domain/template-refs';

/** What a template's references are looked up in: this install's groups and firmware library. */
export interface TemplateSurroundings {
  groups: readonly Group[];
  images: readonly FirmwareImage[];
}

export function groupRefOf(group: Group): TemplateGroupRef {
  return group.kind === 'smart'
    ? { kind: 'smart', name: group.name, filter: group.filter }
    : { kind: 'static', name: group.name, deviceIds: [...group.deviceIds] };
}

export function imageRefOf(image: FirmwareImage): TemplateImageRef {
  const { family, chip, app, version, kind, fileName } = image;
  return { family, chip, app, version, kind, fileName };
}

/** Every image hash the spec's firmware steps name, once each, in step order. */
export function imagesOf(spec: JobSpec): string[] {
  const hashes = spec.steps.flatMap((step) => (step.action === 'firmware-update' ? step.images : []));
  return [...new Set(hashes)];
}

/**
 * The references of `spec`, each described by the first source that knows it: for a save, this install first
 * (the wizard's ids are local) and the template's earlier description second (a restored or imported version
 * names groups and images that may not exist here); for a read, the reverse, filling in descriptions that
 * versions stored before templates kept them lack. An id neither knows is left out: resolving reports it.
 */
export function refsOf(
  spec: JobSpec,
  sources: { first: TemplateRefs | TemplateSurroundings; second: TemplateRefs | TemplateSurroundings },
): TemplateRefs {
  const lookups = [sources.first, sources.second].map(lookupOf);
  const refs: TemplateRefs = { groups: {}, images: {} };
  for (const id of spec.targets.groupIds) {
    const found = lookups.map((l) => l.group(id)).find((r) => r !== undefined);
    if (found) refs.groups[id] = found;
  }
  for (const sha256 of imagesOf(spec)) {
    const found = lookups.map((l) => l.image(sha256)).find((r) => r !== undefined);
    if (found) refs.images[sha256] = found;
  }
  return refs;
}

interface RefLookup {
  group(id: GroupId): TemplateGroupRef | undefined;
  image(sha256: string): TemplateImageRef | undefined;
}

function lookupOf(source: TemplateRefs | TemplateSurroundings): RefLookup {
  if (!Array.isArray(source.groups)) {
    const refs = source as TemplateRefs;
    return { group: (id) => refs.groups[id], image: (sha256) => refs.images[sha256] };
  }
  const here = source as TemplateSurroundings;
  return {
    group: (id) => {
      const group = here.groups.find((g) => g.id === id);
      return group && groupRefOf(group);
    },
    image: (sha256) => {
      const image = here.images.find((i) => i.sha256 === sha256);
      return image && imageRefOf(image);
    },
  };
}
