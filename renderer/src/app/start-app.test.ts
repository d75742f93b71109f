import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../shared/ipc/result';
import { setTransport } from '../api/client';
import { startBridge, type BridgeHooks } from '../api/bridge';
import { auditStore } from '../stores/audit-store';
import { jobsStore } from '../stores/jobs-store';
import { uiStore } from '../stores/ui-store';
import { FakeTransport } from '../../../test-support/renderer/fake-transport';
import { job } from '../../../test-support/renderer/fixtures';
import { resetAll } from '../../../test-support/renderer/reset-stores';
import { startApp } from './start-app';

// The bridge itself is tested in api/; here only what the app shell hands it.
vi.mock('../api/bridge', () => ({ startBridge: vi.fn(async () => () => {}) }));

afterEach(() => {
  resetAll();
  vi.unstubAllGlobals();
});

/** The browser's Notification, granted: records each one shown. */
function stubNotifications() {
  const shown: { title: string; instance: { onclick: (() => void) | null } }[] = [];
  const requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
  vi.stubGlobal(
    'Notification',
    class {
      static permission = 'default';
      static requestPermission = requestPermission;
      onclick: (() => void) | null = null;
      constructor(title: string) {
        shown.push({ title, instance: this });
      }
    },
  );
  return { shown, requestPermission };
}

describe('app start-up', () => {
  it('hands the bridge the job notifier: permission asked once ready, a click opens the run', async () => {
    const { shown, requestPermission } = stubNotifications();
    const JOB = 'job_notify0001';
    const transport = new FakeTransport({
      'jobs.get': () => ok({ job: job(JOB), executions: [] }),
      'session.get': () => ok({ operator: null, lastOperator: 'Ana', host: 'site-laptop' }),
      'audit.verify': () => ok({ ok: true, entries: 0, checkedAt: 1 }),
    });
    setTransport(transport);
    await startApp();
    const hooks = vi.mocked(startBridge).mock.calls[0]![0] as BridgeHooks;
    expect(requestPermission).not.toHaveBeenCalled();
    hooks.onReady?.();
    expect(requestPermission).toHaveBeenCalledTimes(1);
    // Once ready, main is asked who works: nobody yet, so the question opens.
    await expect.poll(() => auditStore.getState().isAskingOperator).toBe(true);
    (Notification as unknown as { permission: string }).permission = 'granted';
    hooks.jobs?.jobChanged(job(JOB), job(JOB, { state: 'completed' }));
    expect(shown.map((s) => s.title)).toEqual([`Job finished: ${job(JOB).name}`]);
    shown[0]!.instance.onclick?.();
    expect(uiStore.getState().view).toBe('jobs');
    await expect.poll(() => jobsStore.getState().selectedJobId).toBe(JOB);
    expect(transport.invoked).toEqual([
      { name: 'session.get', input: {} },
      { name: 'audit.verify', input: { again: false } },
      { name: 'jobs.get', input: { jobId: JOB } },
    ]);
  });
});
