import { afterEach, describe, expect, it } from 'vitest';
import { resetAll } from '../../../test-support/renderer/reset-stores';
import {
  allShownToggled,
  checkboxClicked,
  focusedRowToggled,
  focusMoved,
  rowClicked,
  selectionDevicesRemoved,
  selectionReplaced,
  selectionStore,
  selectionToggled,
} from './selection-store';

afterEach(resetAll);

const shown = ['a', 'b', 'c', 'd', 'e'];
const selected = () => Object.keys(selectionStore.getState().selection).sort();
const plain = { shift: false, toggle: false };

describe('selection', () => {
  it('toggles and replaces', () => {
    selectionToggled('a');
    selectionToggled('b');
    selectionToggled('a');
    expect(selected()).toEqual(['b']);
    selectionReplaced(['x', 'y']);
    expect(selected()).toEqual(['x', 'y']);
  });

  it('selects one row on a plain click and the range from it on a shift-click, in the shown order', () => {
    rowClicked('b', plain, shown);
    rowClicked('d', { shift: true, toggle: false }, shown);
    expect(selected()).toEqual(['b', 'c', 'd']);
    // The anchor stays: shift-clicking upwards re-ranges from b.
    rowClicked('a', { shift: true, toggle: false }, shown);
    expect(selected()).toEqual(['a', 'b']);
    expect(selectionStore.getState().focusedId).toBe('a');
  });

  it('toggles single rows with ctrl/cmd (moving the anchor) and adds a range with ctrl+shift', () => {
    rowClicked('a', plain, shown);
    rowClicked('b', { shift: false, toggle: true }, shown);
    rowClicked('b', { shift: false, toggle: true }, shown);
    expect(selected()).toEqual(['a']);
    rowClicked('d', { shift: false, toggle: true }, shown);
    expect(selectionStore.getState().anchorId).toBe('d');
    rowClicked('e', { shift: true, toggle: true }, shown);
    expect(selected()).toEqual(['a', 'd', 'e']);
  });

  it('adds the range from the anchor on a shift-click of a checkbox, keeping the rest', () => {
    checkboxClicked('e', false, shown);
    checkboxClicked('a', false, shown);
    checkboxClicked('c', true, shown);
    expect(selected()).toEqual(['a', 'b', 'c', 'e']);
  });

  it('selects all shown devices, then clears exactly those', () => {
    selectionReplaced(['z']);
    allShownToggled(['a', 'b']);
    expect(selected()).toEqual(['a', 'b', 'z']);
    allShownToggled(['a', 'b']);
    expect(selected()).toEqual(['z']);
  });

  it('moves the active row with clamping, and extends the selection with shift', () => {
    expect(focusMoved({ by: 1 }, false, shown)).toBe(0);
    expect(focusMoved({ by: 10 }, false, shown)).toBe(4);
    expect(focusMoved({ to: 'first' }, false, shown)).toBe(0);
    focusedRowToggled();
    expect(selected()).toEqual(['a']);
    focusMoved({ by: 2 }, true, shown);
    expect(selected()).toEqual(['a', 'b', 'c']);
    expect(focusMoved({ by: 1 }, false, [])).toBe(-1);
  });

  it('forgets removed devices in the selection, anchor and focus', () => {
    rowClicked('b', plain, shown);
    selectionToggled('c');
    selectionDevicesRemoved(['c']);
    expect(selected()).toEqual(['b']);
    expect(selectionStore.getState()).toMatchObject({ anchorId: null, focusedId: null });
  });
});
