import type { Locator, Page } from '@playwright/test';

/** The device detail drawer: locators and actions (no assertions here). */
export class DeviceDrawer {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Device details' });
  }

  title(): Locator {
    return this.root.getByTestId('drawer-title');
  }

  customName(): Locator {
    return this.root.getByLabel('Custom name');
  }

  tags(): Locator {
    return this.root.getByRole('list', { name: 'Tags' }).getByRole('listitem');
  }

  endpoints(): Locator {
    return this.root.getByRole('table', { name: 'Endpoints' }).locator('tbody tr');
  }

  async rename(name: string): Promise<void> {
    await this.customName().fill(name);
    await this.root.getByRole('button', { name: 'Save name' }).click();
  }

  async addTag(tag: string): Promise<void> {
    await this.root.getByLabel('New tag').fill(tag);
    await this.root.getByRole('button', { name: 'Add tag' }).click();
  }

  async forget(): Promise<void> {
    await this.root.getByRole('button', { name: 'Forget device…' }).click();
    await this.root.getByRole('group', { name: 'Forget' }).getByRole('button', { name: 'Forget' }).click();
  }

  /** A drawer action button (e.g. `Reboot…`, `Collect snapshot`, `Update firmware…`). */
  actionButton(name: string): Locator {
    return this.root
      .getByRole('group', { name: 'Device actions' })
      .getByRole('button', { name, exact: true });
  }

  /** The last action's live state: `data-state` is queued, running, succeeded, failed, … */
  actionRun(): Locator {
    return this.root.getByTestId('action-run');
  }

  actionProgress(): Locator {
    return this.actionRun().getByTestId('action-progress');
  }

  actionResult(): Locator {
    return this.actionRun().getByTestId('action-result');
  }

  actionFailure(): Locator {
    return this.actionRun().getByTestId('action-failure');
  }

  async reboot(): Promise<void> {
    await this.actionButton('Reboot…').click();
    await this.root
      .getByRole('group', { name: 'Confirm reboot' })
      .getByRole('button', { name: 'Reboot now' })
      .click();
  }

  async collectSnapshot(): Promise<void> {
    await this.actionButton('Collect snapshot').click();
  }

  async viewSnapshot(): Promise<void> {
    await this.actionRun().getByRole('button', { name: 'View snapshot' }).click();
  }

  snapshot(): Locator {
    return this.root.getByRole('region', { name: 'Snapshot', exact: true });
  }

  snapshotList(): Locator {
    return this.root.getByRole('list', { name: 'Snapshots' }).getByRole('listitem');
  }

  async downloadSnapshot(): Promise<void> {
    await this.snapshot().getByRole('button', { name: 'Download JSON' }).click();
  }

  async openConfigForm(): Promise<Locator> {
    await this.actionButton('Change configuration…').click();
    return this.root.getByRole('form', { name: 'Change configuration' });
  }

  /** A field of the generated config form, by its exact label. */
  configField(label: string): Locator {
    return this.root.getByRole('form', { name: 'Change configuration' }).getByLabel(label, { exact: true });
  }

  async applyConfig(): Promise<void> {
    await this.root
      .getByRole('form', { name: 'Change configuration' })
      .getByRole('button', { name: 'Apply configuration' })
      .click();
  }

  /** Opens the firmware form and picks the library image with this version. */
  async updateFirmware(version: string): Promise<void> {
    await this.actionButton('Update firmware…').click();
    const form = this.root.getByRole('form', { name: 'Update firmware' });
    await form.locator('label.radio-row').filter({ hasText: version }).getByRole('radio').check();
    await form.getByRole('button', { name: 'Update firmware' }).click();
  }

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close' }).click();
  }
}
