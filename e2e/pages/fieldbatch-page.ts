import type { Locator, Page } from '@playwright/test';

/** Locators and actions of the main screen (no assertions here). */
export class FieldbatchPage {
  constructor(readonly page: Page) {}

  deviceRows(): Locator {
    return this.page.locator('table[aria-label="Devices"] tbody tr');
  }

  deviceRow(deviceId: string): Locator {
    return this.page.locator(`tr[data-device-id="${deviceId}"]`);
  }

  onlineCell(deviceId: string): Locator {
    return this.deviceRow(deviceId).locator('[data-online]');
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
