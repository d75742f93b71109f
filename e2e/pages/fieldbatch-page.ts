import type { Locator, Page } from '@playwright/test';

/** Locators and actions of the main screen (no assertions here). */
export class FieldbatchPage {
  constructor(readonly page: Page) {}

  /** The devices grid; it is virtualised, so only rows near the viewport are in the DOM. */
  grid(): Locator {
    return this.page.getByRole('grid', { name: 'Devices' });
  }

  /** Device rows (the spacer rows that stand in for off-screen devices excluded). */
  deviceRows(): Locator {
    return this.grid().locator('tbody tr[data-device-id]');
  }

  deviceRow(deviceId: string): Locator {
    return this.page.locator(`tr[data-device-id="${deviceId}"]`);
  }

  onlineCell(deviceId: string): Locator {
    return this.deviceRow(deviceId).locator('[data-online]');
  }

  /** Opens a device's detail drawer (double-click on its row). */
  async openDevice(deviceId: string): Promise<void> {
    await this.deviceRow(deviceId).getByRole('gridcell').nth(1).dblclick();
  }

  filterBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Filter devices' });
  }

  view(name: 'Inventory' | 'Discovery'): Locator {
    return this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name });
  }

  async select(deviceIds: readonly string[]): Promise<void> {
    for (const id of deviceIds) await this.deviceRow(id).getByRole('checkbox').check();
  }

  async rebootSelected(concurrency: number): Promise<void> {
    await this.page.getByLabel('Concurrency').fill(String(concurrency));
    await this.page.getByRole('button', { name: 'Reboot selected' }).click();
    await this.page
      .getByRole('group', { name: 'Confirm reboot' })
      .getByRole('button', { name: 'Confirm reboot' })
      .click();
  }

  monitor(): Locator {
    return this.page.getByTestId('job-monitor');
  }

  execution(deviceId: string): Locator {
    return this.monitor().locator(`tr[data-execution-device="${deviceId}"]`);
  }

  jobHistory(): Locator {
    return this.page.getByRole('list', { name: 'Job history' }).locator('li');
  }
}
