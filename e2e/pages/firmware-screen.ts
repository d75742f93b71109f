import type { Locator, Page } from '@playwright/test';

/** The firmware library screen: locators and actions (no assertions here). */
export class FirmwareScreen {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Firmware' });
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Firmware' })
      .click();
  }

  async importFile(name: string, buffer: Buffer): Promise<void> {
    await this.root
      .getByLabel('Firmware files')
      .setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  }

  upload(fileName: string): Locator {
    return this.root
      .getByRole('list', { name: 'Imports' })
      .getByRole('listitem')
      .filter({ hasText: fileName });
  }

  libraryRows(): Locator {
    return this.root.getByRole('table', { name: 'Firmware library' }).locator('tbody tr[data-sha256]');
  }

  libraryRow(fileName: string): Locator {
    return this.libraryRows().filter({ hasText: fileName });
  }

  serverStatus(): Locator {
    return this.root.getByTestId('server-status');
  }

  async checkReachability(): Promise<void> {
    await this.root.getByRole('button', { name: 'Check reachability' }).click();
  }

  selfCheck(): Locator {
    return this.root.getByTestId('self-check');
  }

  /** Removes an image from the library after its confirmation. */
  async removeImage(fileName: string): Promise<void> {
    await this.root.getByRole('button', { name: `Remove ${fileName}`, exact: true }).click();
    await this.root.getByRole('button', { name: 'Remove image', exact: true }).click();
  }
}
