import { z } from 'zod';
import { DeviceIdSchema } from './device';
import { DeviceFilterSchema } from './device-filter';
import { FirmwareFamilySchema, FirmwareKindSchema, FirmwareSha256Schema } from './firmware';
import { GroupIdSchema } from './group';
import type { JobSpec } from './job';

/**
 * What a template's local ids stand for, so it can be used on another install: a job spec names groups by id
 * and images by SHA-256, which mean nothing elsewhere. Each group id of the spec maps to the group's name and
 * definition (a smart group's filter, a fixed group's member identities, which are MAC-based and the same on
 * every install); each image to what the library read from it. The ids are only keys inside the template.
 */
export const TemplateGroupRefSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('smart'), name: z.string().trim().min(1).max(80), filter: DeviceFilterSchema })
    .strict(),
  z
    .object({
      kind: z.literal('static'),
      name: z.string().trim().min(1).max(80),
      deviceIds: z.array(DeviceIdSchema).max(20_000),
    })
    .strict(),
]);
export type TemplateGroupRef = z.infer<typeof TemplateGroupRefSchema>;

/** An image by what it is (FirmwareImage `family`, `chip` or Shelly `app`, `version`, `kind`) and its file. */
export const TemplateImageRefSchema = z
  .object({
    family: FirmwareFamilySchema,
    chip: z.string().max(40).nullable(),
    app: z.string().max(80).nullable(),
    version: z.string().max(64),
    kind: FirmwareKindSchema,
    /** The file's name as imported on the install that saved the template, to say what to import. */
    fileName: z.string().max(255),
  })
  .strict();
export type TemplateImageRef = z.infer<typeof TemplateImageRefSchema>;

export const TemplateRefsSchema = z
  .object({
    groups: z.record(GroupIdSchema, TemplateGroupRefSchema).default({}),
    images: z.record(FirmwareSha256Schema, TemplateImageRefSchema).default({}),
  })
  .strict();
export type TemplateRefs = z.infer<typeof TemplateRefsSchema>;

export const EMPTY_TEMPLATE_REFS: TemplateRefs = { groups: {}, images: {} };

/**
 * Something a template refers to that this install does not have as the template says, in plain words
 * (`message`). `groupId` / `sha256` are the keys as they appear in the template's stored spec.
 * - group-missing: no group here by that name (`group` null: saved before templates kept names);
 * - group-differs: a group of that name exists but its filter or members differ; this install's is used;
 * - image-substituted: not these bytes, but an image with the same family, chip or app, version and kind;
 * - image-missing: no image here with these bytes or this metadata (`image` null: metadata unknown).
 */
export const TemplateProblemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('group-missing'),
    groupId: GroupIdSchema,
    group: TemplateGroupRefSchema.nullable(),
    message: z.string(),
  }),
  z.object({
    kind: z.literal('group-differs'),
    groupId: GroupIdSchema,
    localGroupId: GroupIdSchema,
    group: TemplateGroupRefSchema,
    message: z.string(),
  }),
  z.object({
    kind: z.literal('image-substituted'),
    sha256: FirmwareSha256Schema,
    localSha256: FirmwareSha256Schema,
    image: TemplateImageRefSchema,
    message: z.string(),
  }),
  z.object({
    kind: z.literal('image-missing'),
    sha256: FirmwareSha256Schema,
    image: TemplateImageRefSchema.nullable(),
    message: z.string(),
  }),
]);
export type TemplateProblem = z.infer<typeof TemplateProblemSchema>;

/**
 * A template as this install can use it: `spec` with every reference found here rewritten to the local group
 * id or image; references not found stay as the template has them, and `problems` names each of them.
 */
export interface TemplateResolution {
  spec: JobSpec;
  problems: TemplateProblem[];
}

/**
 * The spec without the groups and images a resolution could not find here, for the wizard to edit: they are
 * listed in its problems instead (a firmware step may be left without images, which the wizard then asks for).
 */
export function withoutUnresolved({ spec, problems }: TemplateResolution): JobSpec {
  const groups = new Set<string>(problems.flatMap((p) => (p.kind === 'group-missing' ? [p.groupId] : [])));
  const images = new Set(problems.flatMap((p) => (p.kind === 'image-missing' ? [p.sha256] : [])));
  return {
    ...spec,
    targets: { ...spec.targets, groupIds: spec.targets.groupIds.filter((id) => !groups.has(id)) },
    steps: spec.steps.map((step) =>
      step.action === 'firmware-update'
        ? { ...step, images: step.images.filter((sha) => !images.has(sha)) }
        : step,
    ),
  };
}
