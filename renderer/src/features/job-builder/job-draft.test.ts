import { describe, expect, it } from 'vitest';
import { JobPolicySchema, JobSpecSchema } from '../../../../shared/domain/job';
import { device, staticGroup } from '../../../../test-support/renderer/fixtures';
import {
  checkJobDraft,
  emptyJobDraft,
  errorAt,
  errorsOnPages,
  errorsUnder,
  jobDraftOf,
  pageOf,
  type JobDraft,
} from './job-draft';
import { newStepDraft } from './step-draft';

const withReboot = (draft: JobDraft): JobDraft => ({
  ...draft,
  name: 'Reboot',
  steps: [{ key: 1, step: newStepDraft('reboot') }],
});

const RICH_SPEC = JobSpecSchema.parse({
  version: 1,
  name: 'Hall rollout',
  targets: { deviceIds: [device(1).id], groupIds: [staticGroup(1, []).id], includeNewMembers: true },
  steps: [
    { action: 'firmware-update', images: ['a'.repeat(64), 'b'.repeat(64)], allowDowngrade: true },
    {
      action: 'config-change',
      shelly: { sys: { device: { name: 'Hall', eco_mode: true } }, mqtt: { server: null } },
    },
    { action: 'config-change', tasmota: { commands: [{ command: 'TelePeriod', value: '60' }] } },
    { action: 'factory-reset', tasmotaLevel: 6 },
    { action: 'set-password', credentialSetId: null },
    { action: 'set-password', credentialSetId: 'cred_site00001' },
    { action: 'raw-command', command: 'Power1', value: 'toggle' },
    { action: 'collect' },
    { action: 'reboot' },
  ],
  policy: {
    concurrency: 25,
    transportConcurrency: { mqtt: 5 },
    ratePerMinute: 12.5,
    rebootStaggerMs: 2_000,
    firmwareBandwidthKbps: 4_000,
    stepTimeoutMs: 300_000,
    retries: {
      max: 4,
      baseDelayMs: 1_000,
      maxDelayMs: 30_000,
      jitter: 0.2,
      retryOn: ['timeout', 'bad-reply'],
    },
    canary: { percent: 5 },
    waves: { sizes: [10, 50] },
    waveGate: { successPercent: 95, advance: 'manual' },
    abort: { failurePercent: 10, minExecuted: 8, perReason: { 'not-verified': 0 }, action: 'cancel' },
    schedule: { startAt: new Date(2030, 4, 3, 22, 30).getTime(), window: { from: '22:00', to: '05:30' } },
    offline: { mode: 'skip', deadlineMs: 600_000 },
  },
});

describe('job drafts', () => {
  it('start from the policy main applies by default, and give it back unchanged', () => {
    const checked = checkJobDraft(withReboot(emptyJobDraft([device(1).id])));
    expect(checked).toEqual({
      spec: {
        version: 1,
        name: 'Reboot',
        targets: { deviceIds: [device(1).id], groupIds: [], includeNewMembers: false },
        steps: [{ action: 'reboot' }],
        policy: JobPolicySchema.parse({}),
      },
    });
  });

  it('edit a saved spec again without losing anything', () => {
    expect(checkJobDraft(jobDraftOf(RICH_SPEC, 1))).toEqual({ spec: RICH_SPEC });
  });

  it('report each problem at the path of its field, on the page that edits it', () => {
    const draft = withReboot(emptyJobDraft([]));
    const broken: JobDraft = {
      ...draft,
      name: ' ',
      steps: [...draft.steps, { key: 2, step: newStepDraft('set-password') }],
      policy: { ...draft.policy, concurrency: 'many', waves: 'sizes', waveValues: '10, 0' },
    };
    const checked = checkJobDraft(broken);
    if (!('errors' in checked)) throw new Error('expected errors');
    expect(checked.errors).toMatchObject({
      name: 'This cannot be empty: type something.',
      targets: 'choose at least one device or group',
      'steps.1.credentialSetId': 'choose a credential set, or “no password”',
      'policy.concurrency': 'Type a number here, e.g. 10.',
      'policy.waves.sizes.1': 'Use 1 or more.',
    });
    expect(errorAt(checked.errors, 'policy.waves')).toBe('Use 1 or more.');
    expect(Object.keys(errorsOnPages(['targets'], checked.errors)).sort()).toEqual(['name', 'targets']);
    expect(pageOf('steps.1.credentialSetId')).toBe('steps');
  });

  it('key the messages of a generated form relative to its root', () => {
    expect(
      errorsUnder(
        { 'steps.0.shelly': 'say what to change', 'steps.0.shelly.sys.sntp.server': 'too short' },
        'steps.0.shelly',
      ),
    ).toEqual({ '': 'say what to change', 'sys.sntp.server': 'too short' });
  });
});
