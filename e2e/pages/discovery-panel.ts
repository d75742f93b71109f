import type { Locator, Page } from '@playwright/test';

/** The discovery panel: locators and actions (no assertions here). */
export class DiscoveryPanel {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Discovery' });
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Discovery' })
      .click();
  }

  source(kind: string): Locator {
    return this.root.getByRole('table', { name: 'Discovery sources' }).locator(`tr[data-source="${kind}"]`);
  }

  async addBroker(url: string): Promise<void> {
    await this.root.getByRole('button', { name: 'Add broker' }).click();
    await this.root.getByLabel('Broker URL').fill(url);
    await this.root.getByRole('button', { name: 'Save broker' }).click();
  }

  /** A broker by its URL or host: the list shows name and host (`127.0.0.1:1883`), never the URL. */
  broker(urlOrHost: string): Locator {
    const host = urlOrHost.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
    return this.root.getByRole('list', { name: 'Brokers' }).getByRole('listitem').filter({ hasText: host });
  }

  /** Probes a serial port path typed by hand (PTYs are never listed by the OS). */
  async probePath(path: string): Promise<void> {
    await this.root.getByLabel('Serial port path').fill(path);
    await this.root.getByRole('button', { name: 'Probe port' }).click();
  }

  async addManual(address: string): Promise<void> {
    await this.root.getByLabel('Host or IP[:port]').fill(address);
    await this.root.getByRole('button', { name: 'Add device' }).click();
  }

  manualAddResult(): Locator {
    return this.root.getByTestId('manual-add-result');
  }

  async importCsv(fileName: string, content: string): Promise<void> {
    await this.root
      .getByLabel('CSV file')
      .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
  }

  csvReport(): Locator {
    return this.root.getByTestId('csv-report');
  }

  csvErrors(): Locator {
    return this.csvReport().getByRole('list', { name: 'Import errors' }).getByRole('listitem');
  }
}
