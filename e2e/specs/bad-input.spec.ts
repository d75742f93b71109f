import { expect, test } from '../fixtures/test';
import { DiscoveryPanel } from '../pages/discovery-panel';

test.describe('bad or large input', () => {
  test('a 0.8 MB CSV gets its report and the app stays connected', async ({ host }, testInfo) => {
    const page = await host.open();
    const discovery = new DiscoveryPanel(page);
    await discovery.open();
    // 80 rows with long notes and a port no device has: 0.8 MB, each row refused with its line.
    const rows = Array.from({ length: 80 }, () => `127.0.0.1,70000,${'n'.repeat(10_000)}`);
    const csv = `host,port,notes\n${rows.join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(800_000);
    await discovery.importCsv('big-site.csv', csv);
    await expect(discovery.csvReport()).toContainText('big-site.csv: imported 0 of 80 rows, 80 refused.');
    await expect(page.locator('[data-app-state]')).toHaveAttribute('data-app-state', 'ready');
    await expect(page.getByText(/connection to Fieldbatch was lost/)).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('01-large-csv.png') });
  });

  test('a broker URL with user:password@ is listed by host, the password only said to be stored', async ({
    host,
  }, testInfo) => {
    const page = await host.open();
    const discovery = new DiscoveryPanel(page);
    await discovery.open();
    await discovery.addBroker('mqtt://tech:canary-Secr3t@127.0.0.1:1');
    const broker = discovery.broker('127.0.0.1:1');
    await expect(broker).toContainText('user tech');
    await expect(broker).toContainText('password stored');
    await expect(page.locator('body')).not.toContainText('canary');
    await expect(page.locator('body')).not.toContainText('tech:');
    await broker.getByRole('button', { name: 'Edit' }).click();
    await expect(discovery.root.getByLabel('Broker URL')).toHaveValue('mqtt://127.0.0.1:1');
    await expect(discovery.root.getByLabel('Username')).toHaveValue('tech');
    await page.screenshot({ path: testInfo.outputPath('02-broker-by-host.png') });
  });
});
