import { z } from 'zod';
import { JobSpecSchema } from './job';
import { TemplateProblemSchema, TemplateRefsSchema } from './template-refs';

export const TemplateIdSchema = z
  .string()
  .regex(/^tpl_[0-9a-z]{8,40}$/)
  .brand<'TemplateId'>();
export type TemplateId = z.infer<typeof TemplateIdSchema>;

/** A saved job definition; every save is a new version, old versions stay and can be restored. */
export const TemplateSummarySchema = z.object({
  id: TemplateIdSchema,
  name: z.string(),
  version: z.number().int().positive(),
  versions: z.number().int().positive(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type TemplateSummary = z.infer<typeof TemplateSummarySchema>;

export const TemplateVersionSchema = z.object({
  templateId: TemplateIdSchema,
  version: z.number().int().positive(),
  name: z.string(),
  spec: JobSpecSchema,
  /** What the spec's group ids and image hashes stand for (see TemplateRefsSchema). */
  refs: TemplateRefsSchema,
  note: z.string(),
  createdAt: z.number(),
});
export type TemplateVersion = z.infer<typeof TemplateVersionSchema>;

/** A version without its spec, for the history list. */
export const TemplateVersionMetaSchema = TemplateVersionSchema.omit({ spec: true, refs: true });
export type TemplateVersionMeta = z.infer<typeof TemplateVersionMetaSchema>;

export const TemplateSaveSchema = z
  .object({
    /** Absent: a new template. */
    templateId: TemplateIdSchema.optional(),
    name: z.string().trim().min(1).max(120),
    spec: JobSpecSchema,
    note: z.string().max(500).default(''),
  })
  .strict();
export type TemplateSave = z.infer<typeof TemplateSaveSchema>;

/** One difference between two versions, at a dotted path into the spec (`policy.concurrency`, `steps.1.images.0`). */
export const TemplateChangeSchema = z.object({
  path: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type TemplateChange = z.infer<typeof TemplateChangeSchema>;

export const TemplateFileFormatSchema = z.enum(['json', 'yaml']);

/** A problem in an imported file: the exact field, and its line when the file format tells. */
export const TemplateFileIssueSchema = z.object({
  path: z.string(),
  line: z.number().int().nullable(),
  message: z.string(),
});
export type TemplateFileIssue = z.infer<typeof TemplateFileIssueSchema>;

export const TemplateImportSchema = z
  .object({
    fileName: z.string().max(255),
    content: z.string().max(1_000_000, 'template files are limited to 1 MB'),
  })
  .strict();

/**
 * A version loaded for use here (`templates.load`, `templates.import`): the stored version, its spec with the
 * references found here rewritten to local ids, and what was not found (see TemplateProblemSchema).
 */
export const TemplateLoadSchema = z.object({
  template: TemplateVersionSchema,
  spec: JobSpecSchema,
  problems: z.array(TemplateProblemSchema),
});
export type TemplateLoad = z.infer<typeof TemplateLoadSchema>;
