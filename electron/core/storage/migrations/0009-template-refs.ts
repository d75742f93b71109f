import type { Migration } from './migration';

/**
 * What a template version's group ids and image hashes stand for (group names and definitions, image
 * metadata), as JSON, so the template can be used on another install. NULL for versions saved before: they
 * are read with descriptions taken from this install's groups and library where the ids still exist.
 */
export const migration0009TemplateRefs: Migration = {
  version: 9,
  name: 'template-refs',
  sql: `
ALTER TABLE template_versions ADD COLUMN refs_json TEXT;
`,
};
