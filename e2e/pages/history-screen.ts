import type { Locator, Page } from '@playwright/test';

/** The History screen and the drawer's Run history section: locators and actions (no assertions here). */
export class HistoryScreen {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('.history-layout');
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'History' })
      .click();
  }

  private form(): Locator {
    return this.root.getByRole('search', { name: 'Search history' });
  }

  async searchText(text: string): Promise<void> {
    await this.form().getByLabel('Words').fill(text);
    await this.form().getByRole('button', { name: 'Search', exact: true }).click();
  }

  /** By device id; '' is "Any device". */
  async chooseDevice(deviceId: string): Promise<void> {
    await this.form().getByLabel('Device').selectOption(deviceId);
  }

  async chooseGroup(name: string): Promise<void> {
    await this.form().getByLabel('Group').selectOption({ label: name });
  }

  async toggleOutcome(state: string): Promise<void> {
    await this.form().getByRole('group', { name: 'Outcome' }).getByLabel(state, { exact: true }).click();
  }

  async clear(): Promise<void> {
    await this.form().getByRole('button', { name: 'Clear', exact: true }).click();
  }

  /** "3 device runs found, newest first." or "Nothing in the history matches." */
  summary(): Locator {
    return this.root.getByTestId('history-summary');
  }

  /** Hit rows in view; each carries `data-job-id` and `data-device-id`. */
  hits(): Locator {
    return this.root.getByRole('list', { name: 'History results' }).getByRole('listitem');
  }

  hit(deviceId: string): Locator {
    return this.root.locator(`.history-hit[data-device-id="${deviceId}"]`);
  }

  /** Opens the drawer of the hit's device. */
  async openDeviceOf(deviceId: string): Promise<void> {
    await this.hit(deviceId).getByTitle('Open the device').click();
  }

  /** History's own snapshot viewer (a side panel over the results). */
  snapshotPanel(): Locator {
    return this.page.getByRole('dialog', { name: 'Snapshot from history' });
  }

  usage(): Locator {
    return this.root.getByTestId('history-usage');
  }

  /** The drawer's Run history entries (newest first). */
  timeline(): Locator {
    return this.page.getByRole('list', { name: 'Device run history' }).locator(':scope > li');
  }
}
