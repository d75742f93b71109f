import { ok, type Result } from '../../shared/ipc/result';
import type { Transport } from '../../renderer/src/api/transport';

/** A scripted Transport: answers invokes from a handler map and lets tests push events. */
export class FakeTransport implements Transport {
  readonly kind = 'websocket' as const;
  readonly invoked: { name: string; input: unknown }[] = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(private readonly answers: Record<string, (input: unknown) => Result<unknown>> = {}) {}

  async invoke(name: string, input: unknown): Promise<Result<unknown>> {
    this.invoked.push({ name, input });
    return this.answers[name]?.(input) ?? ok(null);
  }

  on(name: string, listener: (payload: unknown) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener);
    this.listeners.set(name, set);
    return () => set.delete(listener);
  }

  onDisconnect(): void {}

  push(name: string, payload: unknown): void {
    for (const listener of this.listeners.get(name) ?? []) listener(payload);
  }
}
