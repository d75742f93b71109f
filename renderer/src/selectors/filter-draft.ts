import type { z } from 'zod';
import type { DeviceFamily, DiscoverySourceKind } from '../../../shared/domain/device';
import { DeviceFilterSchema, type DeviceFilter } from '../../../shared/domain/device-filter';

/** What the filter controls hold while the technician types; `draftToFilter` turns it into a DeviceFilter. */
export interface FilterDraft {
  text: string;
  families: DeviceFamily[];
  /** Comma-separated models or product lines. */
  models: string;
  /** A semver range, e.g. `<14.0.0`. */
  firmware: string;
  /** Comma-separated tags; a device must carry all of them. */
  tags: string;
  sources: DiscoverySourceKind[];
  online: 'any' | 'online' | 'offline';
}

export type FilterErrors = Partial<Record<'text' | 'models' | 'firmware' | 'tags', string>>;

export const EMPTY_DRAFT: FilterDraft = {
  text: '',
  families: [],
  models: '',
  firmware: '',
  tags: '',
  sources: [],
  online: 'any',
};

const fields = DeviceFilterSchema.shape;
const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'invalid';
}

const cache = new WeakMap<FilterDraft, { filter: DeviceFilter; errors: FilterErrors }>();

/**
 * The valid part of a draft as a DeviceFilter, plus a message per invalid field (the contract schema's
 * message). Invalid fields are left out of the filter, so the view keeps showing the last sensible result.
 * Cached per draft object: the inventory and its perf-sensitive selectors get the same filter back.
 */
export function draftToFilter(draft: FilterDraft): { filter: DeviceFilter; errors: FilterErrors } {
  const hit = cache.get(draft);
  if (hit) return hit;
  const filter: DeviceFilter = {};
  const errors: FilterErrors = {};
  if (draft.text.trim() !== '') {
    const text = fields.text.safeParse(draft.text);
    if (text.success) filter.text = text.data;
    else errors.text = firstMessage(text.error);
  }
  if (draft.families.length > 0) filter.families = [...draft.families];
  if (draft.sources.length > 0) filter.sources = [...draft.sources];
  if (draft.online !== 'any') filter.online = draft.online === 'online';
  if (draft.firmware.trim() !== '') {
    const firmware = fields.firmware.safeParse(draft.firmware);
    if (firmware.success) filter.firmware = firmware.data;
    else errors.firmware = firstMessage(firmware.error);
  }
  const models = list(draft.models);
  if (models.length > 0) {
    const parsed = fields.models.safeParse(models);
    if (parsed.success) filter.models = parsed.data;
    else errors.models = firstMessage(parsed.error);
  }
  const tags = list(draft.tags);
  if (tags.length > 0) {
    const parsed = fields.tags.safeParse(tags);
    if (parsed.success) filter.tags = parsed.data;
    else {
      const issue = parsed.error.issues[0];
      const bad = typeof issue?.path[0] === 'number' ? `"${tags[issue.path[0]]}": ` : '';
      errors.tags = `${bad}${firstMessage(parsed.error)}`;
    }
  }
  const result = { filter, errors };
  cache.set(draft, result);
  return result;
}

/** The draft that shows a saved filter (a smart group being edited). */
export function filterToDraft(filter: DeviceFilter): FilterDraft {
  return {
    text: filter.text ?? '',
    families: [...(filter.families ?? [])],
    models: (filter.models ?? []).join(', '),
    firmware: filter.firmware ?? '',
    tags: (filter.tags ?? []).join(', '),
    sources: [...(filter.sources ?? [])],
    online: filter.online === undefined ? 'any' : filter.online ? 'online' : 'offline',
  };
}

export function hasErrors(errors: FilterErrors): boolean {
  return Object.keys(errors).length > 0;
}
