import type { Download, Locator, Page } from '@playwright/test';

type Format = 'CSV' | 'JSON' | 'PDF';

/** The handover report buttons: "Export report" in the run monitor and "Site visit report" on the Jobs screen. */
export class ReportExport {
  constructor(readonly page: Page) {}

  runButtons(): Locator {
    return this.page.getByRole('group', { name: 'Export the handover report of this run' });
  }

  visit(): Locator {
    return this.page.getByTestId('site-visit-report');
  }

  /** Clicks a run's export button and resolves with the browser's download. */
  async exportRun(format: Format): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.runButtons().getByRole('button', { name: format, exact: true }).click(),
    ]);
    return download;
  }

  async setVisitDays(from: string, to: string): Promise<void> {
    await this.visit().getByLabel('From').fill(from);
    await this.visit().getByLabel('To').fill(to);
  }

  async exportVisit(format: Format): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.clickVisit(format)]);
    return download;
  }

  /** Clicks a site visit export button without waiting for a file (for a refusal). */
  async clickVisit(format: Format): Promise<void> {
    await this.visit()
      .getByRole('group', { name: 'Export the site visit report' })
      .getByRole('button', { name: format, exact: true })
      .click();
  }
}
