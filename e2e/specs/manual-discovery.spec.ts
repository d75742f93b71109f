import type { SimulatedShelly } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { DiscoveryPanel } from '../pages/discovery-panel';
import { FieldbatchPage } from '../pages/fieldbatch-page';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;

test.describe('manual discovery (no mDNS from the fleet)', () => {
  test.use({ fleetOptions: { count: 3, bootTimeMs: 1_500, seed: 31, mdns: false } });

  test('adds a device by address and imports a CSV with a good and a bad row', async ({
    fleet,
    host,
  }, testInfo) => {
    const [first, second] = fleet.devices;
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    const discovery = new DiscoveryPanel(page);
    await expect(ui.deviceRows()).toHaveCount(0);

    await discovery.open();
    await expect(discovery.source('manual')).toHaveAttribute('data-source-state', 'running');
    await discovery.addManual(`127.0.0.1:${first!.port}`);
    await expect(discovery.manualAddResult()).toContainText(`Added`);
    await expect(discovery.manualAddResult()).toContainText(`127.0.0.1:${first!.port}`);

    const csv = [
      'host,port,name,tags',
      `127.0.0.1,${second!.port},Boiler,roof;hall`,
      '127.0.0.1,70000,Broken,',
    ].join('\n');
    await discovery.importCsv('site.csv', `${csv}\n`);
    await expect(discovery.csvReport()).toContainText('site.csv: imported 1 of 2 rows, 1 refused.');
    await expect(discovery.csvErrors()).toHaveText(['Line 3: port "70000" is not 1–65535']);
    await page.screenshot({ path: testInfo.outputPath('01-discovery.png'), fullPage: true });

    await ui.view('Inventory').click();
    await expect(ui.deviceRows()).toHaveCount(2);
    await expect(ui.onlineCell(idOf(first!))).toHaveAttribute('data-online', 'true');
    await expect(ui.deviceRow(idOf(first!))).toContainText('manual');
    await expect(ui.deviceRow(idOf(second!))).toContainText('Boiler');
    await expect(ui.deviceRow(idOf(second!))).toContainText('hall');
    await expect(ui.deviceRow(idOf(fleet.devices[2]!))).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('02-inventory.png'), fullPage: true });
  });
});
