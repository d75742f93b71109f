import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { devicesLoaded } from '../../stores/devices-store';
import { selectionStore } from '../../stores/selection-store';
import { uiStore } from '../../stores/ui-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { detail, device } from '../../../../test-support/renderer/fixtures';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { DevicesPanel } from './devices-panel';
import { FILTER_MEASURE, FIRST_RENDER_MARK } from './inventory-perf';

afterEach(resetAll);

const fleet = [
  device(1, { name: 'Kitchen', firmware: '1.4.2', firmwareSemver: '1.4.2' }),
  device(2, {
    name: 'Roof',
    family: 'tasmota',
    firmware: '14.2.0',
    firmwareSemver: '14.2.0',
    model: 'Sonoff Basic',
    chip: 'ESP8266',
    tags: ['roof'],
  }),
  device(3, { name: 'Lab', firmware: '1.5.1', firmwareSemver: '1.5.1', online: false }),
  device(4, { name: 'Attic', firmware: '1.10.0', firmwareSemver: '1.10.0' }),
];

function setup() {
  devicesLoaded(fleet);
  render(<DevicesPanel />);
  return screen.getByRole('grid', { name: 'Devices' });
}

/** Row labels in the order shown. */
const shownNames = () =>
  screen
    .getAllByRole('row')
    .filter((row) => row.dataset.deviceId)
    .map((row) => row.getAttribute('aria-label'));
const row = (name: string) => screen.getByRole('row', { name });
const selectedNames = () =>
  shownNames().filter((name) => row(name!).getAttribute('aria-selected') === 'true');

describe('inventory table', () => {
  it('shows every device sorted by name and marks its first render with the list', () => {
    const grid = setup();
    expect(shownNames()).toEqual(['Attic', 'Kitchen', 'Lab', 'Roof']);
    expect(grid.getAttribute('aria-rowcount')).toBe('5');
    expect(within(row('Lab')).getByText(/offline/).dataset.online).toBe('false');
    expect(within(row('Roof')).getByText('roof')).toBeTruthy();
    expect(row('Roof').textContent).toContain('Sonoff Basic · ESP8266');
    expect(row('Kitchen').textContent).toContain('SNSW-001P16EU1.4.2');
    expect(performance.getEntriesByName(FIRST_RENDER_MARK, 'mark')).toHaveLength(1);
  });

  it('sorts by a clicked column and flips the direction on a second click', () => {
    setup();
    const header = screen.getByRole('columnheader', { name: /Firmware/ });
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(shownNames()).toEqual(['Kitchen', 'Lab', 'Attic', 'Roof']);
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(shownNames()).toEqual(['Roof', 'Attic', 'Lab', 'Kitchen']);
  });

  it('filters by text and by firmware range, measuring each change', () => {
    setup();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter devices' }), { target: { value: 'oo' } });
    expect(shownNames()).toEqual(['Roof']);
    expect(performance.getEntriesByName(FILTER_MEASURE, 'measure')).toHaveLength(1);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter devices' }), { target: { value: '' } });
    const firmware = screen.getByLabelText('Firmware range');
    fireEvent.change(firmware, { target: { value: 'latest' } });
    expect(screen.getByText('not a version range (try "<14.0.0" or ">=1.4 <1.5")')).toBeTruthy();
    expect(firmware.getAttribute('aria-invalid')).toBe('true');
    expect(shownNames()).toHaveLength(4);
    fireEvent.change(firmware, { target: { value: '>=1.5 <14' } });
    expect(shownNames()).toEqual(['Attic', 'Lab']);
    fireEvent.change(screen.getByLabelText('Online'), { target: { value: 'online' } });
    expect(shownNames()).toEqual(['Attic']);
    expect(screen.getByTestId('shown-count').textContent).toBe('1 shown');
  });

  it('selects with click, shift-click (range in the shown order) and ctrl/cmd-click (toggle)', () => {
    setup();
    fireEvent.click(within(row('Attic')).getByText('Attic'));
    fireEvent.click(within(row('Lab')).getByText('Lab'), { shiftKey: true });
    expect(selectedNames()).toEqual(['Attic', 'Kitchen', 'Lab']);
    fireEvent.click(within(row('Kitchen')).getByText('Kitchen'), { ctrlKey: true });
    fireEvent.click(within(row('Roof')).getByText('Roof'), { metaKey: true });
    expect(selectedNames()).toEqual(['Attic', 'Lab', 'Roof']);
    fireEvent.click(within(row('Kitchen')).getByText('Kitchen'));
    expect(selectedNames()).toEqual(['Kitchen']);
    expect(screen.getByText('1 selected')).toBeTruthy();
  });

  it('adds a range with shift on the row checkboxes', () => {
    setup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Attic' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Lab' }), { shiftKey: true });
    expect(selectedNames()).toEqual(['Attic', 'Kitchen', 'Lab']);
  });

  it('"Select all devices" selects the filtered devices only, and clears them again', () => {
    setup();
    fireEvent.change(screen.getByLabelText('Firmware range'), { target: { value: '<14' } });
    const all = screen.getByRole('checkbox', { name: 'Select all devices' }) as HTMLInputElement;
    fireEvent.click(all);
    expect(Object.keys(selectionStore.getState().selection).sort()).toEqual(
      [device(1).id, device(3).id, device(4).id].sort(),
    );
    expect(all.checked).toBe(true);
    fireEvent.click(all);
    expect(selectionStore.getState().selection).toEqual({});
  });

  it('moves the active row with the arrow keys, toggles with space and opens the drawer with enter', async () => {
    const transport = new FakeTransport({ 'devices.get': () => ok(detail(1)) });
    setTransport(transport);
    const grid = setup();
    grid.focus();
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(grid.getAttribute('aria-activedescendant')).toBe(row('Attic').id);
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    expect(grid.getAttribute('aria-activedescendant')).toBe(row('Kitchen').id);
    fireEvent.keyDown(grid, { key: ' ' });
    expect(selectedNames()).toEqual(['Kitchen']);
    fireEvent.keyDown(grid, { key: 'End', shiftKey: true });
    expect(selectedNames()).toEqual(['Kitchen', 'Lab', 'Roof']);
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(uiStore.getState().drawerDeviceId).toBe(device(2).id);
    expect(transport.invoked.filter((c) => c.name === 'devices.get')).toEqual([
      { name: 'devices.get', input: { id: device(2).id } },
    ]);
  });
});
