import type { FocusMove } from '../../stores/selection-store';

export type GridIntent =
  | { kind: 'move'; move: FocusMove; extend: boolean }
  | { kind: 'toggle' }
  | { kind: 'open' }
  | { kind: 'select-all' };

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** What a key means in the devices grid (ARIA grid keyboard model), or null for keys the grid leaves alone. */
export function gridIntent(press: KeyPress, pageSize: number): GridIntent | null {
  const extend = press.shiftKey;
  switch (press.key) {
    case 'ArrowDown':
      return { kind: 'move', move: { by: 1 }, extend };
    case 'ArrowUp':
      return { kind: 'move', move: { by: -1 }, extend };
    case 'PageDown':
      return { kind: 'move', move: { by: pageSize }, extend };
    case 'PageUp':
      return { kind: 'move', move: { by: -pageSize }, extend };
    case 'Home':
      return { kind: 'move', move: { to: 'first' }, extend };
    case 'End':
      return { kind: 'move', move: { to: 'last' }, extend };
    case ' ':
      return { kind: 'toggle' };
    case 'Enter':
      return { kind: 'open' };
    case 'a':
    case 'A':
      return press.ctrlKey || press.metaKey ? { kind: 'select-all' } : null;
    default:
      return null;
  }
}
