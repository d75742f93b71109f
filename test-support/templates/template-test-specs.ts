import { JobSpecSchema, type JobSpec } from '../../shared/domain/job';

/** A spec that uses nested policy fields, groups and two steps, so diffs and files have depth to show. */
export const plugRollout: JobSpec = JobSpecSchema.parse({
  version: 1,
  name: 'Plug rollout',
  targets: { deviceIds: ['mac:a8032ab12345'], groupIds: ['grp_plugs0001'] },
  steps: [{ action: 'firmware-update', images: ['a'.repeat(64)] }, { action: 'reboot' }],
  policy: { concurrency: 5, canary: { count: 1 }, schedule: { window: { from: '22:00', to: '05:00' } } },
});

/** Lines are 1-based; throws when `needle` is on no line, so a test cannot pass by finding nothing. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in the text`);
  return index + 1;
}
