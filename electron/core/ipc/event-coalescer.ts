import type { DeviceId, DeviceSummary } from '../../../shared/domain/device';
import type { JobSummary } from '../../../shared/domain/job';
import {
  decodeChanges,
  encodeChanges,
  mergeChanges,
  type ExecutionChange,
} from '../../../shared/domain/job-progress';
import type { EventName } from '../../../shared/ipc/channels';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { EventSink } from '../ports';

export type Deliver = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/**
 * How one event folds while pending: keyed so nothing is lost, only superseded. `start`/`add` gather the
 * pending payloads of one key into an accumulator (kept cheap to grow: a map, not a copy per event), `finish`
 * builds the one payload delivered for it.
 */
interface Fold<P, A> {
  key(payload: P): string;
  start(payload: P): A;
  add(pending: A, payload: P): A;
  finish(pending: A): P;
}

const latest = <P>(): Fold<P, P> => ({
  key: () => '',
  start: (p) => p,
  add: (_pending, p) => p,
  finish: (p) => p,
});

/** Devices by id in first-arrival order, moved to the end when they change again. */
const addById = (pending: Map<string, DeviceSummary>, devices: readonly DeviceSummary[]) => {
  for (const d of devices) {
    pending.delete(d.id);
    pending.set(d.id, d);
  }
  return pending;
};

/** A job's newest summary and commit number, and its changed executions by position, newest each. */
interface PendingProgress {
  job: JobSummary;
  seq: number;
  changes: Map<number, ExecutionChange>;
}

const addProgress = (pending: PendingProgress, p: EventPayload<'jobs.progressed'>): PendingProgress => {
  mergeChanges(pending.changes, decodeChanges(p.changes));
  return { job: p.job, seq: Math.max(pending.seq, p.seq), changes: pending.changes };
};

/** A fold whose accumulator type only it knows (the sink keeps accumulators opaque). */
const opaque = <P, A>(fold: Fold<P, A>) => fold as unknown as Fold<P, unknown>;

const FOLDS: { [K in EventName]: Fold<EventPayload<K>, unknown> } = {
  'devices.updated': opaque<EventPayload<'devices.updated'>, Map<string, DeviceSummary>>({
    key: () => '',
    start: (p) => addById(new Map(), p.devices),
    add: (pending, p) => addById(pending, p.devices),
    finish: (pending) => ({ devices: [...pending.values()] }),
  }),
  'devices.removed': opaque<EventPayload<'devices.removed'>, Set<DeviceId>>({
    key: () => '',
    start: (p) => new Set(p.ids),
    add: (pending, p) => {
      for (const id of p.ids) pending.add(id);
      return pending;
    },
    finish: (pending) => ({ ids: [...pending] }),
  }),
  'groups.changed': latest<EventPayload<'groups.changed'>>(),
  'discovery.statusChanged': latest<EventPayload<'discovery.statusChanged'>>(),
  'sync.statusChanged': latest<EventPayload<'sync.statusChanged'>>(),
  // Encoded once per tick: a busy job's events are decoded into one map by position, not re-sent whole.
  'jobs.progressed': opaque<EventPayload<'jobs.progressed'>, PendingProgress>({
    key: (p) => p.job.id,
    start: (p) => addProgress({ job: p.job, seq: p.seq, changes: new Map() }, p),
    add: addProgress,
    finish: ({ job, seq, changes }) => ({
      job,
      seq,
      changes: encodeChanges([...changes].map(([position, change]) => ({ position, change }))),
    }),
  }),
};

interface Pending {
  name: EventName;
  folded: unknown;
}

/**
 * Collects events for `intervalMs` and delivers each key's merged payload once per tick, so a 1,000-device
 * job does not flood the renderer. Order between keys is kept by first arrival.
 */
export class CoalescingEventSink implements EventSink {
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deliver: Deliver,
    private readonly intervalMs = 150,
  ) {}

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    if (name === 'devices.removed')
      this.supersede('devices.updated', (payload as EventPayload<'devices.removed'>).ids);
    if (name === 'devices.updated') {
      const ids = (payload as EventPayload<'devices.updated'>).devices.map((d) => d.id);
      this.supersede('devices.removed', ids);
    }
    const fold = FOLDS[name] as Fold<EventPayload<K>, unknown>;
    const key = `${name}|${fold.key(payload)}`;
    const existing = this.pending.get(key);
    const folded = existing ? fold.add(existing.folded, payload) : fold.start(payload);
    this.pending.set(key, { name, folded });
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** A removal cancels pending updates of the same devices and vice versa, whatever order the tick delivers in. */
  private supersede(name: 'devices.updated' | 'devices.removed', ids: readonly string[]): void {
    // Both gather devices by id (a Map of updates, a Set of removals).
    const pending = this.pending.get(`${name}|`)?.folded as { delete(id: string): boolean } | undefined;
    if (!pending) return;
    for (const id of ids) pending.delete(id);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = new Map();
    for (const { name, folded } of batch.values()) {
      const fold = FOLDS[name] as Fold<EventPayload<typeof name>, unknown>;
      this.deliver(name, fold.finish(folded));
    }
  }

  close(): void {
    this.flush();
  }
}
