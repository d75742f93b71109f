import { buildShellyFirmwareZip, type SimulatedShelly } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { DeviceDrawer } from '../pages/device-drawer';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { FirmwareScreen } from '../pages/firmware-screen';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;
const NEW_VERSION = '1.6.0';
const NEW_FW_ID = '20250901-101010/1.6.0-gfeed123';

test.describe('firmware', () => {
  test.use({ fleetOptions: { count: 2, bootTimeMs: 1_500, seed: 51 } });

  test('imports an image into the library and updates one device from the drawer, verified', async ({
    fleet,
    host,
  }, testInfo) => {
    const target = fleet.devices[0]!;
    const other = fleet.devices[1]!;
    // A real Mongoose OS zip for the device's app; more than one upload chunk (512 KiB), so the import is
    // really sent in pieces.
    const image = buildShellyFirmwareZip({
      app: target.app,
      version: NEW_VERSION,
      buildId: NEW_FW_ID,
      partSize: 1_200_000,
    });
    const fileName = `${target.app}-${NEW_VERSION}.zip`;
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    await expect(ui.onlineCell(idOf(target))).toHaveAttribute('data-online', 'true');

    const library = new FirmwareScreen(page);
    await library.open();
    await expect(library.serverStatus()).toHaveAttribute('data-listening', 'true');
    await library.checkReachability();
    // Inside the test's network namespace only loopback exists: the verdict is whatever main says about it.
    await expect(library.selfCheck().locator('li[data-outcome]').first()).toBeVisible();
    await library.importFile(fileName, image);
    await expect(library.upload(fileName)).toHaveAttribute('data-upload-state', 'done');
    await expect(library.libraryRow(fileName)).toContainText(`${NEW_VERSION} (from the zip manifest)`);
    await expect(library.libraryRow(fileName)).toContainText(target.app);

    // The same bytes again are recognised as a duplicate and add nothing.
    await library.importFile('copy.zip', image);
    await expect(library.upload('copy.zip')).toHaveAttribute('data-duplicate', 'true');
    await expect(library.libraryRows()).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('01-library.png'), fullPage: true });

    await ui.view('Inventory').click();
    await ui.openDevice(idOf(target));
    const drawer = new DeviceDrawer(page);
    await drawer.updateFirmware(NEW_VERSION);
    await expect(drawer.actionRun()).toHaveAttribute('data-state', 'running');
    await page.screenshot({ path: testInfo.outputPath('02-updating.png'), fullPage: true });
    await expect(drawer.actionRun()).toHaveAttribute('data-state', 'succeeded', { timeout: 90_000 });
    await expect(drawer.actionResult()).toContainText(NEW_VERSION);
    expect(target.ver).toBe(NEW_VERSION);
    expect(target.counters.flashes).toBe(1);
    expect(other.ver).not.toBe(NEW_VERSION);
    await expect(ui.deviceRow(idOf(target))).toContainText(NEW_VERSION);
    await page.screenshot({ path: testInfo.outputPath('03-updated.png'), fullPage: true });
  });
});
