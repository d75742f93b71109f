import type { EventName } from '../../shared/ipc/channels';
import type { EventPayload } from '../../shared/ipc/contract';
import type { EventSink } from '../../electron/core/ports';

export interface RecordedEvent {
  name: EventName;
  payload: unknown;
}

/** EventSink for tests: keeps every event, optionally checking each one as it arrives. */
export class RecordingSink implements EventSink {
  readonly events: RecordedEvent[] = [];
  constructor(private readonly onEvent?: (event: RecordedEvent) => void) {}

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    const event = { name, payload };
    this.onEvent?.(event);
    this.events.push(event);
  }

  of<K extends EventName>(name: K): EventPayload<K>[] {
    return this.events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<K>);
  }
}
