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

  /** Compares the versions the form starts with: the one before the current against the current. */
  async compare(): Promise<void> {
    await this.root
      .getByRole('form', { name: 'Compare versions' })
      .getByRole('button', { name: 'Compare' })
      .click();
  }

  /** The rows of the comparison: path, before, after. */
  diffRows(from: number, to: number): Locator {
    return this.root
      .getByRole('table', { name: `Changes from version ${from} to version ${to}` })
      .locator('tbody tr');
  }

  /** Restores an old version (after its confirmation); it becomes the newest version. */
  async restore(version: number): Promise<void> {
    await this.root.getByRole('button', { name: `Restore version ${version}`, exact: true }).click();
    await this.root.getByRole('button', { name: 'Restore version', exact: true }).click();
  }

  exportButton(name: string, format: 'JSON' | 'YAML'): Locator {
    return this.root.getByRole('button', { name: `Export ${name} as ${format}`, exact: true });
  }

  async importFile(path: string): Promise<void> {
    await this.root.getByLabel('Import template file').setInputFiles(path);
  }

  /** What the last import said: imported as a new template, or refused with its problems. */
  importReport(): Locator {
    return this.root.getByTestId('template-import-report');
  }

  /** What the imported template uses that is missing or different here, one item each. */
  importProblems(): Locator {
    return this.root.getByRole('alert', { name: 'Template references' }).getByRole('listitem');
  }

  /** Creates a group the imported template names but this install lacks, from the template. */
  async createGroupFromTemplate(name: string): Promise<void> {
    await this.root.getByRole('button', { name: `Create group “${name}”`, exact: true }).click();
  }
}
