import type { EventName } from '../../../shared/ipc/channels';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { EventSink } from '../ports';

export type Deliver = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

type Rule<K extends EventName> = {
  key(payload: EventPayload<K>): string;
  merge(older: EventPayload<K>, newer: EventPayload<K>): EventPayload<K>;
};

function unionBy<T>(older: readonly T[], newer: readonly T[], id: (t: T) => string): T[] {
  const byId = new Map<string, T>();
  for (const item of [...older, ...newer]) {
    byId.delete(id(item));
    byId.set(id(item), item);
  }
  return [...byId.values()];
}

/** How each event folds: keyed so nothing is lost, only superseded. */
const RULES: { [K in EventName]: Rule<K> } = {
  'devices.updated': {
    key: () => '',
    merge: (a, b) => ({ devices: unionBy(a.devices, b.devices, (d) => d.id) }),
  },
  'devices.removed': { key: () => '', merge: (a, b) => ({ ids: [...new Set([...a.ids, ...b.ids])] }) },
  'groups.changed': { key: () => '', merge: (_a, b) => b },
  'discovery.statusChanged': { key: () => '', merge: (_a, b) => b },
  'jobs.progressed': {
    key: (p) => p.job.id,
    merge: (a, b) => ({ job: b.job, executions: unionBy(a.executions, b.executions, (e) => e.deviceId) }),
  },
};

/**
 * Collects events for `intervalMs` and delivers each key's merged payload once per tick, so a 1,000-device
 * job does not flood the renderer. Order between keys is kept by first arrival.
 */
export class CoalescingEventSink implements EventSink {
  private pending = new Map<string, { name: EventName; payload: unknown }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deliver: Deliver,
    private readonly intervalMs = 150,
  ) {}

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    if (name === 'devices.removed')
      this.supersede('devices.updated|', (payload as EventPayload<'devices.removed'>).ids);
    if (name === 'devices.updated') {
      this.supersede(
        'devices.removed|',
        (payload as EventPayload<'devices.updated'>).devices.map((d) => d.id),
      );
    }
    const rule = RULES[name] as Rule<K>;
    const key = `${name}|${rule.key(payload)}`;
    const existing = this.pending.get(key);
    const merged = existing ? rule.merge(existing.payload as EventPayload<K>, payload) : payload;
    this.pending.set(key, { name, payload: merged });
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** A removal cancels pending updates of the same devices and vice versa, whatever order the tick delivers in. */
  private supersede(key: string, ids: readonly string[]): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    const gone = new Set(ids);
    if (entry.name === 'devices.updated') {
      const p = entry.payload as EventPayload<'devices.updated'>;
      entry.payload = { devices: p.devices.filter((d) => !gone.has(d.id)) };
    } else {
      const p = entry.payload as EventPayload<'devices.removed'>;
      entry.payload = { ids: p.ids.filter((id) => !gone.has(id)) };
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = new Map();
    for (const { name, payload } of batch.values()) this.deliver(name, payload as EventPayload<typeof name>);
  }

  close(): void {
    this.flush();
  }
}
