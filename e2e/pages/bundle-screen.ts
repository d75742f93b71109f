import type { Download, Locator, Page } from '@playwright/test';

/** The Site bundle screen: export at the office, import on site (no assertions here). */
export class BundleScreen {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Site bundle' });
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Site bundle' })
      .click();
  }

  /** Exports with everything ticked and returns the browser's download. */
  async export(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.root.getByRole('button', { name: 'Export bundle' }).click(),
    ]);
    return download;
  }

  exportReport(): Locator {
    return this.root.getByTestId('bundle-export-report');
  }

  exportManifestSha(): Locator {
    return this.root.getByTestId('export-manifest-sha');
  }

  async chooseFile(name: string, buffer: Buffer): Promise<void> {
    await this.root.getByLabel('Bundle file').setInputFiles({ name, mimeType: 'application/x-tar', buffer });
  }

  /** "name · size" of the file last chosen, beside the picker. */
  chosenFile(): Locator {
    return this.root.getByTestId('bundle-chosen-file');
  }

  /** The preview's words about the signer; `data-signer-status` is own, pinned, first-use or unknown. */
  signerStatus(): Locator {
    return this.root.locator('[data-signer-status]');
  }

  preview(): Locator {
    return this.root.getByTestId('bundle-preview');
  }

  previewManifestSha(): Locator {
    return this.root.getByTestId('preview-manifest-sha');
  }

  signer(): Locator {
    return this.root.getByTestId('preview-signer');
  }

  /** The count of one kind (`image`, `template`, `group`, `device`) in one column of the preview table. */
  tally(kind: string, change: 'added' | 'updated' | 'unchanged'): Locator {
    return this.root.getByTestId(`${kind}-${change}`);
  }

  async import(): Promise<void> {
    await this.root.getByRole('button', { name: 'Import', exact: true }).click();
  }

  imported(): Locator {
    return this.root.getByTestId('bundle-imported');
  }

  refusal(): Locator {
    return this.root.getByTestId('bundle-refused');
  }
}
