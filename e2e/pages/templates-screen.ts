import type { Locator, Page } from '@playwright/test';

/** The Templates screen: saved jobs and their version history (no assertions here). */
export class TemplatesScreen {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Templates', exact: true });
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Templates' })
      .click();
  }

  /** One row per template: name, current version ("v1"), number of versions, when it last changed. */
  rows(): Locator {
    return this.root.getByRole('table', { name: 'Templates' }).locator('tbody tr[data-template-id]');
  }

  row(name: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  async openHistory(name: string): Promise<void> {
    await this.root.getByRole('button', { name: `History of ${name}`, exact: true }).click();
  }

  /** The open history's versions; `data-version` on each row. */
  versions(name: string): Locator {
    return this.root.getByRole('table', { name: `Versions of ${name}` }).locator('tbody tr[data-version]');
  }
}
