import type { Locator, Page } from '@playwright/test';

/** The header every screen shares: views, the running job, discovery chips, the theme choice. */
export class AppShell {
  constructor(readonly page: Page) {}

  themeChoice(): Locator {
    return this.page.getByRole('combobox', { name: 'Colour theme' });
  }

  async chooseTheme(label: 'As the system' | 'Light' | 'Dark'): Promise<void> {
    await this.themeChoice().selectOption({ label });
  }

  /** `light` or `dark`: the theme in effect. */
  theme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-theme');
  }

  runningJob(): Locator {
    return this.page.getByTestId('running-job');
  }

  async openView(
    name: 'Inventory' | 'Jobs' | 'Discovery' | 'Firmware' | 'Credentials' | 'Templates',
  ): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name }).click();
  }

  gridHeader(name: string): Locator {
    return this.page.getByRole('grid', { name: 'Devices' }).getByRole('columnheader', { name });
  }
}
