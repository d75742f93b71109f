import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  decodeChanges,
  encodeChanges,
  ExecutionChangesSchema,
  JobProgressSchema,
  mergeChanges,
  progressPayload,
  type ExecutionChange,
  type PositionedChange,
} from './job-progress';
import type { DeviceId } from './device';
import { ExecutionStateSchema, FailureReasonSchema, SkipReasonSchema, type JobSummary } from './job';

/** Mulberry32: a small seeded generator, so a failing case can be replayed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomChange(random: () => number): ExecutionChange {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const maybe = <T>(value: T): T | null => (random() < 0.5 ? null : value);
  const updatedAt = 1_700_000_000_000 + Math.floor(random() * 3_600_000);
  return {
    state: pick(ExecutionStateSchema.options),
    wave: pick([0, 0, 1, 3]),
    stepIndex: pick([0, 1, 2]),
    attempt: pick([0, 1, 2]),
    held: random() < 0.1,
    reason: maybe(pick(FailureReasonSchema.options)),
    skipReason: maybe(pick(SkipReasonSchema.options)),
    message: maybe(pick(['no answer', '', 'bad reply', 'null'])),
    notBefore: maybe(updatedAt + Math.floor(random() * 60_000)),
    startedAt: maybe(updatedAt - Math.floor(random() * 600_000)),
    finishedAt: maybe(updatedAt - Math.floor(random() * 10)),
    updatedAt,
    result: maybe(pick(['running 1.6.0, uptime 3 s', 'rebooted', '"rebooted"'])),
    artifactId: maybe(`art_${Math.floor(random() * 5)}`),
    progress: maybe({ message: 'downloading', percent: pick([null, 0, 42.5, 100]) }),
  };
}

function randomChanges(seed: number, n: number): PositionedChange[] {
  const random = seeded(seed);
  return Array.from({ length: n }, (_, position) => ({ position, change: randomChange(random) }));
}

const byPosition = (list: PositionedChange[]) => [...list].sort((a, b) => a.position - b.position);

const job: JobSummary = {
  id: 'job_a0000000' as JobSummary['id'],
  name: 'Reboot hall',
  state: 'running',
  pauseReason: null,
  pauseMessage: null,
  steps: [],
  policy: null,
  concurrency: 10,
  total: 300,
  counts: Object.fromEntries(ExecutionStateSchema.options.map((s) => [s, 0])) as JobSummary['counts'],
  waves: [],
  currentWave: 0,
  retryOf: null,
  createdAt: 1,
  startedAt: 2,
  finishedAt: null,
};

describe('job progress delta', () => {
  it.each([1, 2, 3, 4, 5])('decodes exactly what it encoded (seed %i)', (seed) => {
    const changes = randomChanges(seed, 300);
    const encoded = encodeChanges(changes);
    expect(ExecutionChangesSchema.parse(JSON.parse(JSON.stringify(encoded)))).toEqual(encoded);
    expect(byPosition(decodeChanges(encoded))).toEqual(changes);
  });

  it('groups devices with equal fields and leaves defaults and trailing nulls out', () => {
    const running: ExecutionChange = {
      ...randomChange(seeded(9)),
      state: 'running',
      wave: 0,
      stepIndex: 0,
      attempt: 1,
      held: false,
      reason: null,
      skipReason: null,
      message: null,
      result: null,
      artifactId: null,
      progress: null,
      notBefore: null,
      finishedAt: null,
      startedAt: 1_000,
      updatedAt: 1_000,
    };
    const encoded = encodeChanges([
      { position: 7, change: running },
      { position: 3, change: { ...running, startedAt: 1_004, updatedAt: 1_005 } },
    ]);
    expect(encoded).toEqual({
      base: 1_000,
      groups: [
        {
          fields: { state: 'running', attempt: 1 },
          devices: [
            [7, 0, 0],
            [3, 5, 1],
          ],
        },
      ],
    });
  });

  it('builds the event payload from the summary, the commit number and the changes', () => {
    const changes = randomChanges(6, 3);
    const payload = progressPayload(
      job,
      42,
      changes.map((c) => ({ position: c.position, execution: c.change })),
    );
    expect(payload).toEqual({ job, seq: 42, changes: encodeChanges(changes) });
    expect(progressPayload(job, 43, [])).toEqual({ job, seq: 43, changes: { base: 0, groups: [] } });
  });

  it('merges by position, keeping the newest change of each device (a tie goes to the later one)', () => {
    const [a, b] = randomChanges(7, 2).map((c) => c.change);
    const pending = new Map<number, ExecutionChange>();
    mergeChanges(pending, [{ position: 0, change: { ...a!, updatedAt: 20 } }]);
    mergeChanges(pending, [
      { position: 0, change: { ...b!, updatedAt: 10 } },
      { position: 1, change: { ...b!, updatedAt: 10 } },
    ]);
    expect(pending.get(0)).toEqual({ ...a!, updatedAt: 20 });
    mergeChanges(pending, [{ position: 0, change: { ...b!, updatedAt: 20 } }]);
    expect(pending.get(0)).toEqual({ ...b!, updatedAt: 20 });
    expect([...pending.keys()]).toEqual([0, 1]);
  });

  it('applies a delta onto what is known: newer or equal times win, unknown positions are reported', () => {
    const [a, b] = randomChanges(10, 2).map((c) => c.change);
    const known = (n: number) => ({
      ...a!,
      deviceId: `shelly-${n}` as DeviceId,
      deviceName: `plug ${n}`,
      updatedAt: 10,
    });
    const changes = encodeChanges([
      { position: 0, change: { ...b!, updatedAt: 9 } },
      { position: 1, change: { ...b!, updatedAt: 10 } },
      { position: 2, change: { ...b!, updatedAt: 11 } },
    ]);
    expect(applyChanges((p) => (p < 3 ? known(p) : undefined), changes)).toEqual({
      changed: [
        { ...b!, deviceId: 'shelly-1', deviceName: 'plug 1', updatedAt: 10 },
        { ...b!, deviceId: 'shelly-2', deviceName: 'plug 2', updatedAt: 11 },
      ],
      hasUnknown: false,
    });
    expect(applyChanges((p) => (p < 2 ? known(p) : undefined), changes).hasUnknown).toBe(true);
  });

  it('rejects malformed payloads', () => {
    const good = encodeChanges(randomChanges(8, 4));
    const group = good.groups[0]!;
    const bad = [
      { ...good, base: 'now' },
      { ...good, groups: [{ ...group, devices: [] }] },
      { ...good, groups: [{ ...group, devices: [[-1, 0]] }] },
      { ...good, groups: [{ ...group, devices: [[0]] }] },
      { ...good, groups: [{ ...group, devices: [[0, 1, 2, 3, 4, 5]] }] },
      { ...good, groups: [{ ...group, devices: [[0, 1.5]] }] },
      { ...good, groups: [{ ...group, fields: { ...group.fields, state: 'exploded' } }] },
      { ...good, groups: [{ ...group, fields: { ...group.fields, deviceId: 'shelly-1' } }] },
      { ...good, groups: [{ ...group, fields: { ...group.fields, held: false } }] },
      { ...good, groups: [group, { ...group, devices: [group.devices[0]] }] },
    ];
    for (const changes of bad) {
      expect(ExecutionChangesSchema.safeParse(changes).success, JSON.stringify(changes)).toBe(false);
    }
    const payload = progressPayload(job, 1, []);
    expect(JobProgressSchema.safeParse(payload).success).toBe(true);
    expect(JobProgressSchema.safeParse({ ...payload, executions: [] }).success).toBe(false);
    expect(JobProgressSchema.safeParse({ ...payload, seq: -1 }).success).toBe(false);
  });
});
