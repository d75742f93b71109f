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

  async close(): Promise<void> {
    await this.root.getByRole('button', { name: 'Close' }).click();
  }
}
