import type { Locator, Page } from '@playwright/test';

/** The credential sets screen: locators and actions (no assertions here). */
export class CredentialsScreen {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Credential sets' });
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Credentials' })
      .click();
  }

  rows(): Locator {
    return this.root.getByRole('table', { name: 'Credential sets' }).locator('tbody tr');
  }

  row(name: string): Locator {
    return this.rows().filter({ hasText: name });
  }

  async create(set: { name: string; user?: string; password: string; siteDefault?: boolean }): Promise<void> {
    await this.root.getByRole('button', { name: 'New credential set' }).click();
    const form = this.root.getByRole('form', { name: 'New credential set' });
    await form.getByLabel('Name').fill(set.name);
    if (set.user !== undefined) await form.getByLabel('User').fill(set.user);
    await form.getByLabel('Password').fill(set.password);
    if (set.siteDefault) await form.getByRole('checkbox', { name: /Site default/ }).check();
    await form.getByRole('button', { name: 'Create set' }).click();
  }

  async edit(name: string): Promise<Locator> {
    await this.root.getByRole('button', { name: `Edit ${name}` }).click();
    return this.root.getByRole('form', { name: `Edit ${name}` });
  }

  async assignToSelected(name: string): Promise<void> {
    await this.root.getByLabel('Credential set', { exact: true }).selectOption({ label: name });
    await this.root.getByRole('button', { name: 'Assign to selected' }).click();
  }

  assignOutcome(): Locator {
    return this.root.getByTestId('assign-outcome');
  }
}
