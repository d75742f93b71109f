import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import type { ExecutionState, ExecutionSummary } from '../../../shared/domain/job';
import {
  InvalidTransitionError,
  isTerminalExecution,
  reduceExecution,
  reduceJob,
  type ExecutionEvent,
} from './job-state';

const queued: ExecutionSummary = {
  deviceId: 'mac:a8032ab12345' as DeviceId,
  deviceName: 'Hall',
  state: 'queued',
  stepIndex: 0,
  reason: null,
  message: null,
  startedAt: null,
  finishedAt: null,
  updatedAt: 0,
  result: null,
  artifactId: null,
  progress: null,
};

describe('execution transitions', () => {
  it('runs a three-step execution to success', () => {
    let e = reduceExecution(queued, { type: 'started', at: 1 });
    expect(e).toMatchObject({ state: 'running', stepIndex: 0, startedAt: 1 });
    e = reduceExecution(e, { type: 'step-succeeded', at: 2, totalSteps: 3, result: 'ok 1' });
    e = reduceExecution(e, { type: 'step-succeeded', at: 3, totalSteps: 3, result: 'ok 2' });
    expect(e).toMatchObject({ state: 'running', stepIndex: 2 });
    e = reduceExecution(e, { type: 'step-succeeded', at: 4, totalSteps: 3, result: 'ok 3' });
    expect(e).toMatchObject({ state: 'succeeded', stepIndex: 2, finishedAt: 4, result: 'ok 3' });
  });

  it('keeps the failure reason and message', () => {
    const running = reduceExecution(queued, { type: 'started', at: 1 });
    const failed = reduceExecution(running, {
      type: 'failed',
      at: 2,
      reason: 'timeout',
      message: 'no reply',
    });
    expect(failed).toMatchObject({ state: 'failed', reason: 'timeout', message: 'no reply', finishedAt: 2 });
  });

  it.each<[ExecutionState, ExecutionEvent['type']]>([
    ['queued', 'step-succeeded'],
    ['queued', 'failed'],
    ['queued', 'interrupted'],
    ['succeeded', 'started'],
    ['succeeded', 'canceled'],
    ['failed', 'started'],
    ['canceled', 'started'],
    ['interrupted', 'started'],
  ])('refuses %s on %s', (state, type) => {
    const event = { type, at: 5, totalSteps: 1, reason: 'internal', message: '' } as ExecutionEvent;
    expect(() => reduceExecution({ ...queued, state }, event)).toThrow(InvalidTransitionError);
  });

  it('keeps terminal states final and the step index bounded under any event sequence', () => {
    const event = fc.oneof(
      fc.constant<ExecutionEvent>({ type: 'started', at: 1 }),
      fc
        .integer({ min: 1, max: 4 })
        .map<ExecutionEvent>((n) => ({ type: 'step-succeeded', at: 1, totalSteps: n, result: 'ok' })),
      fc.constant<ExecutionEvent>({ type: 'failed', at: 1, reason: 'timeout', message: 'x' }),
      fc.constant<ExecutionEvent>({ type: 'canceled', at: 1 }),
      fc.constant<ExecutionEvent>({ type: 'interrupted', at: 1 }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        let current = queued;
        for (const e of events) {
          const wasTerminal = isTerminalExecution(current.state);
          try {
            current = reduceExecution(current, e);
            expect(wasTerminal).toBe(false);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidTransitionError);
          }
          expect(current.stepIndex).toBeLessThan(4);
        }
      }),
    );
  });
});

describe('job transitions', () => {
  it('completes, cancels and interrupts', () => {
    expect(reduceJob('running', { type: 'drained' })).toBe('completed');
    expect(reduceJob(reduceJob('running', { type: 'cancel-requested' }), { type: 'drained' })).toBe(
      'canceled',
    );
    expect(reduceJob('running', { type: 'interrupted' })).toBe('interrupted');
    expect(reduceJob('canceling', { type: 'interrupted' })).toBe('canceled');
  });

  it('refuses to leave a finished job', () => {
    expect(() => reduceJob('completed', { type: 'cancel-requested' })).toThrow(InvalidTransitionError);
    expect(() => reduceJob('canceled', { type: 'drained' })).toThrow(InvalidTransitionError);
  });
});
