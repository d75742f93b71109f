import type { FirmwareImage } from '../../../shared/domain/firmware';
import type { Group, GroupId } from '../../../shared/domain/group';
import type { JobSpec } from '../../../shared/domain/job';
import type {
  TemplateGroupRef,
  TemplateImageRef,
  TemplateProblem,
  TemplateRefs,
  TemplateResolution,
} from '../../../shared/domain/template-refs';
import { imagesOf, type TemplateSurroundings } from './template-refs';

const FAMILY_LABEL = { shelly: 'Shelly', tasmota: 'Tasmota', esphome: 'ESPHome' } as const;

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Key order does not make two filters different. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

function isSameDefinition(group: Group, ref: TemplateGroupRef): boolean {
  if (group.kind === 'smart' && ref.kind === 'smart')
    return canonical(group.filter) === canonical(ref.filter);
  if (group.kind === 'static' && ref.kind === 'static') {
    const members = new Set<string>(group.deviceIds);
    return members.size === new Set(ref.deviceIds).size && ref.deviceIds.every((id) => members.has(id));
  }
  return false;
}

const source = (ref: TemplateGroupRef) =>
  ref.kind === 'smart' ? 'filter' : `${ref.deviceIds.length} device${ref.deviceIds.length === 1 ? '' : 's'}`;

type GroupOutcome = { localId: GroupId | null; problem: TemplateProblem | null };

function resolveGroup(
  id: GroupId,
  ref: TemplateGroupRef | undefined,
  groups: readonly Group[],
): GroupOutcome {
  if (!ref) {
    if (groups.some((g) => g.id === id)) return { localId: id, problem: null };
    const message = `A group of this template no longer exists, and the template was saved before templates kept group names: choose its groups again`;
    return { localId: null, problem: { kind: 'group-missing', groupId: id, group: null, message } };
  }
  const named = groups.filter((g) => sameName(g.name, ref.name));
  const match = named.find((g) => isSameDefinition(g, ref)) ?? named[0];
  if (match && isSameDefinition(match, ref)) return { localId: match.id, problem: null };
  if (match) {
    const what = ref.kind === 'smart' ? 'filter differs' : 'members differ';
    const message = `Group '${ref.name}' here is not the template's: its ${match.kind === ref.kind ? what : 'kind differs'}; this install's group is used`;
    return {
      localId: match.id,
      problem: { kind: 'group-differs', groupId: id, localGroupId: match.id, group: ref, message },
    };
  }
  // Renamed here since the template was saved on this install: the same group, under its new name.
  const renamed = groups.find((g) => g.id === id && isSameDefinition(g, ref));
  if (renamed) return { localId: renamed.id, problem: null };
  const message = `Group '${ref.name}' does not exist here; create it from the template's ${source(ref)}?`;
  return { localId: null, problem: { kind: 'group-missing', groupId: id, group: ref, message } };
}

/** "Tasmota image for ESP32 14.4.0", "Shelly image for Plus1PM 1.6.0". */
function imageWords(ref: TemplateImageRef): string {
  const target = ref.app ?? ref.chip ?? 'an unknown chip';
  const kind = ref.kind === 'factory' ? 'factory image' : 'image';
  return `${FAMILY_LABEL[ref.family]} ${kind} for ${target} ${ref.version}`;
}

const sameMetadata = (image: FirmwareImage, ref: TemplateImageRef) =>
  image.family === ref.family &&
  image.version === ref.version &&
  image.kind === ref.kind &&
  (image.chip ?? '').toLowerCase() === (ref.chip ?? '').toLowerCase() &&
  (image.app ?? '') === (ref.app ?? '');

type ImageOutcome = { localSha256: string; problem: TemplateProblem | null };

function resolveImage(
  sha256: string,
  ref: TemplateImageRef | undefined,
  images: readonly FirmwareImage[],
): ImageOutcome {
  if (images.some((i) => i.sha256 === sha256)) return { localSha256: sha256, problem: null };
  if (!ref) {
    const message = `An image of this template (SHA-256 ${sha256.slice(0, 12)}…) is not in the library, and the template was saved before templates kept image names: choose its images again`;
    return { localSha256: sha256, problem: { kind: 'image-missing', sha256, image: null, message } };
  }
  const twin =
    images.find((i) => i.present && sameMetadata(i, ref)) ?? images.find((i) => sameMetadata(i, ref));
  if (twin) {
    const message = `${imageWords(ref)}: the library's ${twin.fileName} is used instead of the template's ${ref.fileName} (same family, ${ref.app ? 'app' : 'chip'} and version, but not the same file)`;
    return {
      localSha256: twin.sha256,
      problem: { kind: 'image-substituted', sha256, localSha256: twin.sha256, image: ref, message },
    };
  }
  const message = `No ${imageWords(ref)} in the library: import ${ref.fileName}`;
  return { localSha256: sha256, problem: { kind: 'image-missing', sha256, image: ref, message } };
}

/**
 * A template's spec as this install can use it. Groups are found by name (a group of that name with another
 * filter or other members is used, with a notice); images by their bytes, else by family, chip or app,
 * version and kind (with a notice). What is not found stays in the spec as the template has it and is listed,
 * once per reference, in the order the spec names them: nothing is dropped without a word.
 */
export function resolveTemplate(
  spec: JobSpec,
  refs: TemplateRefs,
  here: TemplateSurroundings,
): TemplateResolution {
  const problems: TemplateProblem[] = [];
  const groupIds: GroupId[] = [];
  for (const id of spec.targets.groupIds) {
    const { localId, problem } = resolveGroup(id, refs.groups[id], here.groups);
    if (problem) problems.push(problem);
    const kept = localId ?? id;
    if (!groupIds.includes(kept)) groupIds.push(kept);
  }
  const localImage = new Map<string, string>();
  for (const sha256 of imagesOf(spec)) {
    const { localSha256, problem } = resolveImage(sha256, refs.images[sha256], here.images);
    if (problem) problems.push(problem);
    localImage.set(sha256, localSha256);
  }
  const steps = spec.steps.map((step) =>
    step.action === 'firmware-update'
      ? { ...step, images: [...new Set(step.images.map((sha) => localImage.get(sha) ?? sha))] }
      : step,
  );
  return { spec: { ...spec, targets: { ...spec.targets, groupIds }, steps }, problems };
}
