import { createStore, useStore } from 'zustand';

/** How long the Undo offer stays on screen; main keeps what was removed a while longer. */
export const UNDO_SHOWN_MS = 15_000;

export interface UndoOffer {
  /** "Removed 3 devices". */
  message: string;
  /** Puts back what was removed; resolves once main did (errors are reported by the caller). */
  undo: () => Promise<void>;
}

export interface UndoState {
  offer: (UndoOffer & { seq: number }) | null;
}

export const undoStore = createStore<UndoState>()(() => ({ offer: null }));

let seq = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

/** A removal just happened: offer to undo it for a while (a newer removal replaces the offer). */
export function undoOffered(offer: UndoOffer): void {
  const mine = ++seq;
  undoStore.setState({ offer: { ...offer, seq: mine } });
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => undoDismissed(mine), UNDO_SHOWN_MS);
}

/** The offer ends (timed out, used, or closed); `which` keeps a late timer from closing a newer offer. */
export function undoDismissed(which = undoStore.getState().offer?.seq): void {
  if (undoStore.getState().offer?.seq === which) undoStore.setState({ offer: null });
}

export function useUndoOffer(): UndoState['offer'] {
  return useStore(undoStore, (s) => s.offer);
}
