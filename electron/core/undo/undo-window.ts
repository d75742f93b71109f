import { DomainError } from '../errors';
import type { Clock, IdSource } from '../ports';

/** How long a removal can be undone. The renderer offers Undo for less, so a late click still works. */
export const UNDO_WINDOW_MS = 60_000;

/**
 * What a removal took away, kept in memory for a short while under an id the renderer holds, so "Undo" puts
 * back exactly that. Not persisted: after a restart of the app a removal is final.
 */
export class UndoWindow<T> {
  private readonly kept = new Map<string, { value: T; until: number }>();

  constructor(private readonly deps: { clock: Clock; ids: IdSource; windowMs?: number }) {}

  keep(value: T): string {
    const now = this.deps.clock.now();
    this.dropExpired(now);
    const id = this.deps.ids.next('undo');
    this.kept.set(id, { value, until: now + (this.deps.windowMs ?? UNDO_WINDOW_MS) });
    return id;
  }

  /** Takes what was kept (once). NOT_FOUND when the id is unknown or its time is up. */
  take(id: string): T {
    const entry = this.kept.get(id);
    this.kept.delete(id);
    if (!entry || entry.until < this.deps.clock.now()) {
      throw new DomainError('NOT_FOUND', 'too late to undo: the removal is final');
    }
    return entry.value;
  }

  private dropExpired(now: number): void {
    for (const [id, entry] of this.kept) if (entry.until < now) this.kept.delete(id);
  }
}
