import type { EventName } from '../../shared/ipc/channels';
import type { EventPayload } from '../../shared/ipc/contract';

/** Wall-clock time in epoch milliseconds. Injected so tests can control time. */
export interface Clock {
  now(): number;
}

/** Random identifiers. Injected so tests are deterministic. */
export interface IdSource {
  /** A new id with the given prefix, e.g. `job_…`; lower-case alphanumerics after the underscore. */
  next(prefix: string): string;
}

export type LogFields = Record<string, unknown>;

/** Structured logger. Fields must never contain secrets. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Where core pushes contract events. Hosts deliver them to every live window / socket. */
export interface EventSink {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
}

export const systemClock: Clock = { now: () => Date.now() };
