import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobSummary } from '../../../../shared/domain/job';
import { counts, job } from '../../../../test-support/renderer/fixtures';
import { jobNotice, JobNotifier, type NotificationApi } from './job-notifications';

afterEach(() => vi.restoreAllMocks());

const JOB = 'job_notify0001';
const running = job(JOB, { name: 'Hall rollout', total: 10, counts: counts({ running: 2, queued: 8 }) });
const paused = (pauseReason: JobSummary['pauseReason'], pauseMessage: string | null = null) =>
  ({ ...running, state: 'paused', pauseReason, pauseMessage }) as const;

/** A stand-in for the browser's Notification: records what would be shown. */
function fakeApi(permission: NotificationPermission) {
  const shown: {
    title: string;
    options?: NotificationOptions;
    instance: { onclick: (() => void) | null };
  }[] = [];
  const requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
  const Api = class {
    static permission = permission;
    static requestPermission = requestPermission;
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, options, instance: this });
    }
  };
  return { api: Api as unknown as NotificationApi, shown, requestPermission };
}

describe('job notices', () => {
  it('tell when a run finishes or is canceled, with its outcome', () => {
    const done = {
      ...running,
      state: 'completed',
      counts: counts({ succeeded: 8, failed: 1, 'timed-out': 1 }),
    } as const;
    expect(jobNotice(running, done)).toEqual({
      jobId: JOB,
      title: 'Job finished: Hall rollout',
      body: '8/10 succeeded, 1 failed, 1 timed out.',
    });
    expect(jobNotice(running, { ...running, state: 'canceled' })?.title).toBe('Job canceled: Hall rollout');
  });

  it('tell when a run waits for the technician: abort threshold, wave gate, a decision', () => {
    expect(
      jobNotice(running, paused('abort-threshold', '30 % failed (limit 10 %) after 10 devices')),
    ).toEqual({
      jobId: JOB,
      title: 'Job paused, too many failures: Hall rollout',
      body: '30 % failed (limit 10 %) after 10 devices',
    });
    expect(jobNotice(running, paused('wave-gate'))?.title).toBe('Next wave waits for you: Hall rollout');
    expect(jobNotice(running, paused('needs-decision', 'firmware server unreachable'))?.body).toBe(
      'firmware server unreachable',
    );
  });

  it('stay quiet for pauses the technician made, crashes, and states reported again', () => {
    expect(jobNotice(running, paused('user'))).toBeNull();
    expect(jobNotice(undefined, paused('crash'))).toBeNull();
    expect(
      jobNotice(running, { ...running, counts: counts({ running: 1, succeeded: 1, queued: 8 }) }),
    ).toBeNull();
    const gated = paused('wave-gate');
    expect(jobNotice(gated, { ...gated, pauseMessage: 'still waiting' })).toBeNull();
  });

  it('tell about a run first heard of when it already finished', () => {
    expect(jobNotice(undefined, { ...running, state: 'completed' })?.title).toBe(
      'Job finished: Hall rollout',
    );
  });
});

describe('JobNotifier', () => {
  it('asks for permission once, and only while the technician has not answered', () => {
    const undecided = fakeApi('default');
    const notifier = new JobNotifier(undecided.api, () => {});
    notifier.askPermission();
    notifier.askPermission();
    expect(undecided.requestPermission).toHaveBeenCalledTimes(1);
    const denied = fakeApi('denied');
    new JobNotifier(denied.api, () => {}).askPermission();
    expect(denied.requestPermission).not.toHaveBeenCalled();
  });

  it('shows the notice when allowed, and opens the run on a click', () => {
    const { api, shown } = fakeApi('granted');
    const opened: string[] = [];
    vi.spyOn(window, 'focus').mockImplementation(() => {});
    new JobNotifier(api, (jobId) => opened.push(jobId)).jobChanged(running, {
      ...running,
      state: 'completed',
    });
    expect(shown.map((n) => [n.title, n.options])).toEqual([
      ['Job finished: Hall rollout', { body: '0/10 succeeded.', tag: JOB }],
    ]);
    shown[0]!.instance.onclick!();
    expect(opened).toEqual([JOB]);
  });

  it('shows nothing without permission or without the API', () => {
    const { api, shown } = fakeApi('denied');
    new JobNotifier(api, () => {}).jobChanged(running, { ...running, state: 'completed' });
    expect(shown).toEqual([]);
    expect(() =>
      new JobNotifier(undefined, () => {}).jobChanged(running, { ...running, state: 'canceled' }),
    ).not.toThrow();
  });
});
