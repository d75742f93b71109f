import type { Locator, Page } from '@playwright/test';

/** The groups sidebar and its editors: locators and actions (no assertions here). */
export class GroupsSidebar {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('navigation', { name: 'Groups' });
  }

  group(name: string): Locator {
    return this.root.getByRole('listitem').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  count(name: string): Locator {
    return this.group(name).getByTestId('group-count');
  }

  smartEditor(): Locator {
    return this.root.getByRole('form', { name: 'New smart group' });
  }

  editorMatches(): Locator {
    return this.smartEditor().getByTestId('smart-group-matches');
  }

  async startSmartGroup(name: string): Promise<void> {
    await this.root.getByRole('button', { name: 'New smart group' }).click();
    await this.smartEditor().getByLabel('Group name').fill(name);
  }

  async chooseFamily(family: string): Promise<void> {
    await this.smartEditor().getByRole('group', { name: 'Family' }).getByLabel(family).check();
  }

  /** Types the range one key at a time, the way a technician does. */
  async typeFirmwareRange(range: string): Promise<void> {
    await this.smartEditor().getByLabel('Firmware range').pressSequentially(range);
  }

  async saveSmartGroup(): Promise<void> {
    await this.smartEditor().getByRole('button', { name: 'Create group' }).click();
  }

  async choose(name: string): Promise<void> {
    await this.group(name)
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .click();
  }

  /** Deletes a group after its confirmation. */
  async deleteGroup(name: string): Promise<void> {
    await this.root.getByRole('button', { name: `Delete group ${name}`, exact: true }).click();
    await this.root.getByRole('button', { name: 'Delete group', exact: true }).click();
  }
}
