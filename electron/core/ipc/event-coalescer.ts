import type { EventName } from '../../../shared/ipc/channels';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { EventSink } from '../ports';

export type Deliver = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/**
 * How each event folds: keyed so nothing is lost, only superseded. A `list` field is merged by item id, newest
 * wins, kept in a map while pending so a busy window costs one step per item, not one copy of the list per event.
 */
type Rule<K extends EventName> = {
  key(payload: EventPayload<K>): string;
  list?: { field: string; id(item: unknown): string };
  merge?(older: EventPayload<K>, newer: EventPayload<K>): EventPayload<K>;
};

const RULES: { [K in EventName]: Rule<K> } = {
  'devices.updated': { key: () => '', list: { field: 'devices', id: (d) => (d as { id: string }).id } },
  'devices.removed': { key: () => '', merge: (a, b) => ({ ids: [...new Set([...a.ids, ...b.ids])] }) },
  'groups.changed': { key: () => '', merge: (_a, b) => b },
  'discovery.statusChanged': { key: () => '', merge: (_a, b) => b },
  'jobs.progressed': {
    key: (p) => p.job.id,
    list: { field: 'executions', id: (e) => (e as { deviceId: string }).deviceId },
  },
};

interface Pending {
  name: EventName;
  payload: Record<string, unknown>;
  /** Items of the rule's list field by id, in first-arrival order (moved to the end when they change). */
  items?: Map<string, unknown>;
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
    const fields = payload as unknown as Record<string, unknown>;
    if (rule.list) {
      const { field, id } = rule.list;
      const items = existing?.items ?? new Map<string, unknown>();
      for (const item of fields[field] as unknown[]) {
        items.delete(id(item));
        items.set(id(item), item);
      }
      this.pending.set(key, { name, payload: fields, items });
    } else {
      const merged =
        existing && rule.merge
          ? rule.merge(existing.payload as unknown as EventPayload<K>, payload)
          : payload;
      this.pending.set(key, { name, payload: merged as unknown as Record<string, unknown> });
    }
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** A removal cancels pending updates of the same devices and vice versa, whatever order the tick delivers in. */
  private supersede(key: string, ids: readonly string[]): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    const gone = new Set(ids);
    if (entry.items) {
      for (const id of gone) entry.items.delete(id);
    } else {
      const p = entry.payload as unknown as EventPayload<'devices.removed'>;
      entry.payload = { ids: p.ids.filter((id) => !gone.has(id)) };
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = new Map();
    for (const { name, payload, items } of batch.values()) {
      const list = RULES[name].list;
      const full = items && list ? { ...payload, [list.field]: [...items.values()] } : payload;
      this.deliver(name, full as unknown as EventPayload<typeof name>);
    }
  }

  close(): void {
    this.flush();
  }
}
