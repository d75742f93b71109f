import { describe, expect, it } from 'vitest';
import { JobSpecSchema } from './job';
import { withoutUnresolved, type TemplateProblem } from './template-refs';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const spec = JobSpecSchema.parse({
  version: 1,
  name: 'Hall',
  targets: { groupIds: ['grp_missing01', 'grp_differs01'] },
  steps: [{ action: 'firmware-update', images: [SHA_A, SHA_B] }, { action: 'reboot' }],
  policy: {},
});

describe('a resolved template as a draft', () => {
  it('leaves out exactly the groups and images not found here, and keeps the ones found different', () => {
    const problems = [
      { kind: 'group-missing', groupId: 'grp_missing01', group: null, message: '' },
      {
        kind: 'group-differs',
        groupId: 'grp_differs01',
        localGroupId: 'grp_differs01',
        group: { kind: 'smart', name: 'x', filter: {} },
        message: '',
      },
      { kind: 'image-missing', sha256: SHA_A, image: null, message: '' },
    ] as TemplateProblem[];
    const draft = withoutUnresolved({ spec, problems });
    expect(draft.targets.groupIds).toEqual(['grp_differs01']);
    expect(draft.steps).toEqual([
      { action: 'firmware-update', images: [SHA_B], allowDowngrade: false },
      { action: 'reboot' },
    ]);
    expect(withoutUnresolved({ spec, problems: [] })).toEqual(spec);
  });
});
