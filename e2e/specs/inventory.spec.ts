import type { SimulatedShelly } from '../../simulator';
import { waitUntilReady } from '../fixtures/app-host';
import { expect, test } from '../fixtures/test';
import { DeviceDrawer } from '../pages/device-drawer';
import { FieldbatchPage } from '../pages/fieldbatch-page';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;

test.describe('inventory', () => {
  test.use({ fleetOptions: { count: 6, bootTimeMs: 1_500, seed: 21 } });

  test('lists the fleet; a rename and a tag made in the drawer survive a reload', async ({
    fleet,
    host,
  }, testInfo) => {
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    await expect(ui.deviceRows()).toHaveCount(fleet.devices.length);
    for (const device of fleet.devices) {
      await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
      await expect(ui.deviceRow(idOf(device))).toContainText(device.model);
      await expect(ui.deviceRow(idOf(device))).toContainText('mdns');
    }
    await page.screenshot({ path: testInfo.outputPath('01-inventory.png'), fullPage: true });

    // Keyboard: the first row of the grid opens with Enter.
    await ui.grid().focus();
    await page.keyboard.press('ArrowDown');
    const firstRowId = await ui.deviceRows().first().getAttribute('data-device-id');
    await expect(ui.grid()).toHaveAttribute('aria-activedescendant', `device-row-${firstRowId}`);
    await page.keyboard.press('Enter');
    const drawer = new DeviceDrawer(page);
    await expect(drawer.root).toBeVisible();
    await expect(drawer.title()).toHaveText((await ui.deviceRows().first().getAttribute('aria-label'))!);
    await drawer.close();

    const target = fleet.devices[2]!;
    await ui.openDevice(idOf(target));
    await expect(drawer.endpoints()).toContainText([`127.0.0.1:${target.port}`]);
    await drawer.rename('Pump room');
    await drawer.addTag('roof');
    await expect(drawer.title()).toHaveText('Pump room');
    await expect(drawer.tags()).toHaveText(['roof×']);
    await expect(ui.deviceRow(idOf(target))).toContainText('Pump room');
    await expect(ui.deviceRow(idOf(target))).toContainText('roof');
    await page.screenshot({ path: testInfo.outputPath('02-renamed.png'), fullPage: true });

    await page.reload();
    await waitUntilReady(page);
    await expect(ui.deviceRow(idOf(target))).toContainText('Pump room');
    await expect(ui.deviceRow(idOf(target))).toContainText('roof');
    await ui.filterBox().fill('pump');
    await expect(ui.deviceRows()).toHaveCount(1);
    await ui.openDevice(idOf(target));
    await expect(drawer.customName()).toHaveValue('Pump room');
    await expect(drawer.tags()).toHaveText(['roof×']);
    await page.screenshot({ path: testInfo.outputPath('03-after-reload.png'), fullPage: true });
  });
});
