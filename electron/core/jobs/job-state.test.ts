import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import { blankExecution, FailureReasonSchema, type ExecutionSummary } from '../../../shared/domain/job';
import { isTerminalExecution } from '../../../shared/domain/job-rules';
import {
  InvalidTransitionError,
  crashEvent,
  reduceExecution,
  reduceJob,
  type ExecutionEvent,
  type JobRunState,
} from './job-state';

const queued = blankExecution('mac:a8032ab12345' as DeviceId, 'Hall', 0, 0);

const fail = (at: number, extra: Partial<Extract<ExecutionEvent, { type: 'step-failed' }>> = {}) =>
  ({
    type: 'step-failed',
    at,
    reason: 'unreachable',
    message: 'connection refused',
    retryAt: null,
    maxAttempts: 1,
    waitForDevice: false,
    ...extra,
  }) as const;

describe('execution transitions', () => {
  it('runs a three-step execution to success, one attempt per step', () => {
    let e = reduceExecution(queued, { type: 'started', at: 1 });
    expect(e).toMatchObject({ state: 'running', stepIndex: 0, startedAt: 1, attempt: 1 });
    e = reduceExecution(e, { type: 'step-succeeded', at: 2, totalSteps: 3, result: 'ok 1' });
    e = reduceExecution(e, { type: 'step-succeeded', at: 3, totalSteps: 3, result: 'ok 2' });
    expect(e).toMatchObject({ state: 'running', stepIndex: 2, attempt: 1 });
    e = reduceExecution(e, { type: 'step-succeeded', at: 4, totalSteps: 3, result: 'ok 3' });
    expect(e).toMatchObject({ state: 'succeeded', stepIndex: 2, finishedAt: 4, result: 'ok 3' });
  });

  it('retries a failed step until the attempts are used up, then fails with the last reason', () => {
    let e = reduceExecution(queued, { type: 'started', at: 1 });
    e = reduceExecution(e, fail(2, { retryAt: 10, maxAttempts: 2 }));
    expect(e).toMatchObject({ state: 'queued', notBefore: 10, attempt: 1, reason: 'unreachable' });
    e = reduceExecution(e, { type: 'started', at: 10 });
    expect(e.attempt).toBe(2);
    e = reduceExecution(e, fail(11, { retryAt: 20, maxAttempts: 2, message: 'still refused' }));
    expect(e).toMatchObject({ state: 'failed', finishedAt: 11, message: 'still refused', notBefore: null });
  });

  it('forgets the failure of an earlier attempt once a retry succeeds', () => {
    let e = reduceExecution(queued, { type: 'started', at: 1 });
    e = reduceExecution(e, fail(2, { retryAt: 3, maxAttempts: 2 }));
    e = reduceExecution(reduceExecution(e, { type: 'started', at: 3 }), {
      type: 'step-succeeded',
      at: 4,
      totalSteps: 1,
      result: 'rebooted',
    });
    expect(e).toMatchObject({
      state: 'succeeded',
      attempt: 2,
      reason: null,
      message: null,
      result: 'rebooted',
    });
  });

  it('ends a step that ran out of time as timed-out, not failed', () => {
    const e = reduceExecution(
      reduceExecution(queued, { type: 'started', at: 1 }),
      fail(2, { reason: 'timeout' }),
    );
    expect(e.state).toBe('timed-out');
  });

  it('waits for an unreachable device instead of failing it, then skips it as not reached', () => {
    let e = reduceExecution(queued, { type: 'started', at: 1 });
    e = reduceExecution(e, fail(2, { waitForDevice: true }));
    expect(e).toMatchObject({ state: 'waiting-offline', attempt: 0 });
    e = reduceExecution(e, { type: 'came-online', at: 3 });
    expect(e.state).toBe('queued');
    e = reduceExecution(reduceExecution(e, { type: 'went-offline', at: 4 }), {
      type: 'not-reached',
      at: 5,
      message: 'offline for 60 min',
    });
    expect(e).toMatchObject({ state: 'skipped', skipReason: 'not-reached', finishedAt: 5 });
  });

  it('holds and releases a waiting device; a held device cannot start', () => {
    const held = reduceExecution(queued, { type: 'hold', at: 1 });
    expect(() => reduceExecution(held, { type: 'started', at: 2 })).toThrow(InvalidTransitionError);
    expect(
      reduceExecution(reduceExecution(held, { type: 'release', at: 3 }), { type: 'started', at: 4 }).state,
    ).toBe('running');
  });

  it('turns a step in flight at a crash into unknown, which verification resolves', () => {
    const running = reduceExecution(queued, { type: 'started', at: 1 });
    const unknown = reduceExecution(running, { type: 'crashed', at: 2 });
    expect(unknown).toMatchObject({ state: 'unknown', updatedAt: 1 });
    expect(
      reduceExecution(unknown, { type: 'verified-done', at: 3, totalSteps: 1, result: 'on 1.6.0' }),
    ).toMatchObject({ state: 'succeeded', result: 'on 1.6.0' });
    const again = reduceExecution(unknown, { type: 'verified-not-applied', at: 3 });
    expect(again).toMatchObject({ state: 'queued', attempt: 0 });
    expect(reduceExecution(again, { type: 'started', at: 4 }).attempt).toBe(1);
    expect(() => reduceExecution(queued, { type: 'crashed', at: 2 })).toThrow(InvalidTransitionError);
  });

  it('turns a queued device announced before a crash into unknown, as if sent at the announcement', () => {
    const retried = { ...queued, attempt: 1, notBefore: 9, updatedAt: 3 };
    const unknown = reduceExecution(retried, { type: 'crashed-announced', at: 7, announcedAt: 5 });
    expect(unknown).toMatchObject({ state: 'unknown', attempt: 2, updatedAt: 5, notBefore: null });
    expect(reduceExecution(unknown, { type: 'verified-not-applied', at: 8 })).toMatchObject({
      state: 'queued',
      attempt: 1,
    });
    const held = reduceExecution(queued, { type: 'hold', at: 1 });
    expect(() => reduceExecution(held, { type: 'crashed-announced', at: 2, announcedAt: 1 })).toThrow(
      InvalidTransitionError,
    );
  });

  it('says what a crash makes of each execution: in flight or announced after its last write is unknown', () => {
    const running = reduceExecution(queued, { type: 'started', at: 4 });
    expect(crashEvent(running, undefined, 9)).toEqual({ type: 'crashed', at: 9 });
    const waiting = { ...queued, updatedAt: 4 };
    expect(crashEvent(waiting, 5, 9)).toEqual({ type: 'crashed-announced', at: 9, announcedAt: 5 });
    expect(crashEvent(waiting, 3, 9)).toBeNull(); // announced before it was queued again: not since
    expect(crashEvent(waiting, undefined, 9)).toBeNull();
    expect(crashEvent({ ...waiting, held: true }, 5, 9)).toBeNull();
    expect(crashEvent({ ...waiting, state: 'succeeded' }, 5, 9)).toBeNull();
  });

  it('refuses anything but nothing from a terminal state', () => {
    const done = reduceExecution(reduceExecution(queued, { type: 'started', at: 1 }), {
      type: 'step-succeeded',
      at: 2,
      totalSteps: 1,
      result: 'ok',
    });
    expect(() => reduceExecution(done, { type: 'canceled', at: 3 })).toThrow(InvalidTransitionError);
    expect(() => reduceExecution(done, { type: 'started', at: 3 })).toThrow(InvalidTransitionError);
  });
});

/** Model-based: random command sequences against the reducer, checked against simple invariants. */
describe('execution reducer (model)', () => {
  const reasonArb = fc.constantFrom(...FailureReasonSchema.options);
  const eventArb: fc.Arbitrary<(at: number) => ExecutionEvent> = fc.oneof(
    fc.constant((at: number) => ({ type: 'started', at }) as const),
    fc.constant((at: number) => ({ type: 'step-succeeded', at, totalSteps: 3, result: 'ok' }) as const),
    fc
      .record({ reason: reasonArb, retry: fc.boolean(), wait: fc.boolean() })
      .map(({ reason, retry, wait }) => (at: number) => ({
        ...fail(at, { reason, retryAt: retry ? at + 5 : null, maxAttempts: 3, waitForDevice: wait }),
      })),
    fc
      .constantFrom(
        'went-offline',
        'came-online',
        'hold',
        'release',
        'canceled',
        'crashed',
        'verified-not-applied',
      )
      .map((type) => (at: number) => ({ type, at }) as ExecutionEvent),
    fc.constant((at: number) => ({ type: 'not-reached', at, message: 'gone' }) as const),
    fc.constant((at: number) => ({ type: 'crashed-announced', at, announcedAt: at }) as const),
    fc.constant((at: number) => ({ type: 'skipped', at, reason: 'offline', message: 'off' }) as const),
    fc.constant((at: number) => ({ type: 'verified-done', at, totalSteps: 3, result: 'ok' }) as const),
    fc.constant(
      (at: number) => ({ type: 'verified-failed', at, reason: 'not-verified', message: 'x' }) as const,
    ),
  );

  it('keeps terminal states final, attempts bounded, steps in range, and exactly one state', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), (events) => {
        let e = queued;
        let terminalAt: string | null = null;
        events.forEach((make, i) => {
          const event = make(i + 1);
          let next: ExecutionSummary;
          try {
            next = reduceExecution(e, event);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidTransitionError);
            return;
          }
          if (terminalAt) throw new Error(`left terminal ${terminalAt} on ${event.type}`);
          e = next;
          if (isTerminalExecution(e.state)) {
            terminalAt = e.state;
            expect(e.finishedAt).toBe(i + 1);
            expect(e.held).toBe(false);
          }
          expect(e.attempt).toBeLessThanOrEqual(3);
          expect(e.stepIndex).toBeLessThan(3);
          if (e.state !== 'queued') expect(e.notBefore).toBeNull();
          if (e.state === 'running') expect(e.attempt).toBeGreaterThanOrEqual(1);
          if (e.state === 'skipped') expect(e.skipReason).not.toBeNull();
          if (e.state === 'failed' || e.state === 'timed-out') expect(e.reason).not.toBeNull();
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a whole job consistent: each device in exactly one state, counts add up', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), eventArb), { maxLength: 120 }),
        (commands) => {
          const devices = Array.from({ length: 5 }, (_, i) => ({
            ...queued,
            deviceId: `mac:a8032ab1234${i}` as DeviceId,
          }));
          commands.forEach(([index, make], i) => {
            try {
              devices[index] = reduceExecution(devices[index]!, make(i + 1));
            } catch (error) {
              expect(error).toBeInstanceOf(InvalidTransitionError);
            }
          });
          const ids = new Set(devices.map((d) => d.deviceId));
          expect(ids.size).toBe(5);
          const counts = new Map<string, number>();
          for (const d of devices) counts.set(d.state, (counts.get(d.state) ?? 0) + 1);
          expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(5);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('job transitions', () => {
  const scheduled: JobRunState = {
    state: 'scheduled',
    pauseReason: null,
    pauseMessage: null,
    currentWave: 0,
  };

  it('begins, pauses with a reason, resumes and completes', () => {
    let j = reduceJob(scheduled, { type: 'begin' });
    j = reduceJob(j, { type: 'pause', reason: 'abort-threshold', message: '20 % failed' });
    expect(j).toMatchObject({ state: 'paused', pauseReason: 'abort-threshold', pauseMessage: '20 % failed' });
    j = reduceJob(j, { type: 'resume' });
    expect(j).toMatchObject({ state: 'running', pauseReason: null });
    expect(reduceJob(j, { type: 'drained' }).state).toBe('completed');
  });

  it('opens waves one at a time, also from a gate pause', () => {
    let j = reduceJob(scheduled, { type: 'begin' });
    j = reduceJob(j, { type: 'pause', reason: 'wave-gate', message: 'canary done' });
    j = reduceJob(j, { type: 'open-wave', wave: 1 });
    expect(j).toMatchObject({ state: 'running', currentWave: 1 });
    expect(() => reduceJob(j, { type: 'open-wave', wave: 3 })).toThrow(InvalidTransitionError);
  });

  it('cancels from any live state and never leaves a terminal one', () => {
    for (const from of ['scheduled', 'running', 'paused'] as const) {
      const j = reduceJob({ ...scheduled, state: from }, { type: 'cancel-requested' });
      expect(reduceJob(j, { type: 'drained' }).state).toBe('canceled');
    }
    const done: JobRunState = { ...scheduled, state: 'completed' };
    for (const event of [{ type: 'resume' }, { type: 'cancel-requested' }, { type: 'begin' }] as const) {
      expect(() => reduceJob(done, event)).toThrow(InvalidTransitionError);
    }
  });
});
