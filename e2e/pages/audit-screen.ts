import type { Locator, Page } from '@playwright/test';

/** The operator question, the header's operator and the Audit log view (no assertions here). */
export class AuditScreen {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Audit log' });
  }

  operatorDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Who is working today?' });
  }

  async nameOperator(name: string): Promise<void> {
    const dialog = this.operatorDialog();
    await dialog.getByLabel('Your name').fill(name);
    await dialog.getByRole('button', { name: /Start working|Change name/ }).click();
  }

  /** The header's "Operator <name> Change". */
  operator(): Locator {
    return this.page.getByTestId('operator');
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Audit log' })
      .click();
  }

  chainState(): Locator {
    return this.root.getByTestId('chain-state');
  }

  rows(): Locator {
    return this.root.getByRole('table', { name: 'Audit entries' }).locator('tbody tr');
  }

  row(words: string): Locator {
    return this.rows().filter({ hasText: words });
  }

  async filterByAction(label: string): Promise<void> {
    await this.root.getByLabel('Action').selectOption({ label });
  }

  /** The header's warning, on every screen, while the chain is broken. */
  alteredBadge(): Locator {
    return this.page.getByRole('button', { name: 'Audit log altered' });
  }

  async filterByOperator(name: string): Promise<void> {
    await this.root.getByLabel('Operator').fill(name);
    await this.root.getByRole('button', { name: 'Search' }).click();
  }

  async search(text: string): Promise<void> {
    await this.root.getByLabel('Text').fill(text);
    await this.root.getByRole('button', { name: 'Search' }).click();
  }
}
