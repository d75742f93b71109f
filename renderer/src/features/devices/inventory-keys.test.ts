import { describe, expect, it } from 'vitest';
import { gridIntent } from './inventory-keys';

const press = (key: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) =>
  gridIntent({ key, shiftKey: false, ctrlKey: false, metaKey: false, ...mods }, 10);

describe('grid keys', () => {
  it('maps the ARIA grid keys to moves, toggle, open and select-all', () => {
    expect(press('ArrowDown')).toEqual({ kind: 'move', move: { by: 1 }, extend: false });
    expect(press('ArrowUp', { shiftKey: true })).toEqual({ kind: 'move', move: { by: -1 }, extend: true });
    expect(press('PageDown')).toEqual({ kind: 'move', move: { by: 10 }, extend: false });
    expect(press('Home')).toEqual({ kind: 'move', move: { to: 'first' }, extend: false });
    expect(press(' ')).toEqual({ kind: 'toggle' });
    expect(press('Enter')).toEqual({ kind: 'open' });
    expect(press('a', { metaKey: true })).toEqual({ kind: 'select-all' });
  });

  it('leaves other keys to the browser', () => {
    expect(press('a')).toBeNull();
    expect(press('Tab')).toBeNull();
  });
});
