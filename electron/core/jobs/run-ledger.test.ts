import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceId } from '../../../shared/domain/device';
import {
  blankExecution,
  ExecutionStateSchema,
  FailureReasonSchema,
  type ExecutionSummary,
} from '../../../shared/domain/job';
import { summarize, type JobTallies } from '../../../shared/domain/job-rules';
import { RunLedger } from './run-ledger';

const facts = fc.record({
  wave: fc.integer({ min: 0, max: 3 }),
  state: fc.constantFrom(...ExecutionStateSchema.options),
  held: fc.boolean(),
  reason: fc.option(fc.constantFrom(...FailureReasonSchema.options)),
});
type Facts = typeof facts extends fc.Arbitrary<infer T> ? T : never;

const execution = (i: number, f: Facts): ExecutionSummary => ({
  ...blankExecution(`mac:${i}` as DeviceId, `d${i}`, f.wave, 1),
  state: f.state,
  held: f.held,
  reason: f.reason,
});

/** Failures per reason without the reasons that came and went (a count back at 0 is no count). */
const comparable = (t: Readonly<JobTallies>) => ({
  ...t,
  failedByReason: Object.fromEntries(Object.entries(t.failedByReason).filter(([, n]) => n !== 0)),
});

describe('RunLedger', () => {
  it('keeps tallies equal to summarize of its executions through any transitions and additions', () => {
    const steps = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('change' as const), pick: fc.nat(), to: facts }),
        fc.record({ kind: fc.constant('add' as const), to: facts }),
      ),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 30 }), steps, (initial, changes) => {
        const ledger = new RunLedger(initial.map((f, i) => execution(i, f)));
        expect(comparable(ledger.tallied)).toEqual(comparable(summarize(ledger.values())));
        let next = initial.length;
        for (const step of changes) {
          if (step.kind === 'add') {
            ledger.add(execution(next++, step.to));
          } else if (ledger.size > 0) {
            const before = [...ledger.values()][step.pick % ledger.size]!;
            // A device stays in its wave; everything else may change.
            ledger.replace(before, {
              ...execution(0, { ...step.to, wave: before.wave }),
              deviceId: before.deviceId,
            });
          }
          expect(comparable(ledger.tallied)).toEqual(comparable(summarize(ledger.values())));
        }
        expect([...ledger.unknown].sort()).toEqual(
          [...ledger.values()]
            .filter((e) => e.state === 'unknown')
            .map((e) => e.deviceId)
            .sort(),
        );
      }),
      { seed: 18, numRuns: 300 },
    );
  });

  it('numbers devices by their place in the job, appended ones after the rest', () => {
    const ledger = new RunLedger(
      [0, 1].map((i) => execution(i, { wave: 0, state: 'queued', held: false, reason: null })),
    );
    ledger.add(execution(7, { wave: 1, state: 'queued', held: false, reason: null }));
    expect(ledger.positionOf('mac:7' as DeviceId)).toBe(2);
    expect(ledger.positionOf('mac:1' as DeviceId)).toBe(1);
    expect(ledger.size).toBe(3);
  });
});
