import { buildEspImage, startFirmwareServer, type EspChip, type SimulatedTasmota } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { DiscoveryPanel } from '../pages/discovery-panel';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { GroupsSidebar } from '../pages/groups-sidebar';

const idOf = (device: { mac: string }) => `mac:${device.mac.toLowerCase()}`;
const VERSIONS = ['13.4.0', '14.3.0'];
/** A real ESP image per chip: a Tasmota refuses an image for another chip. */
const fileFor = (device: SimulatedTasmota, version: string) => `${device.chip.toLowerCase()}-${version}.bin`;

/** Flashes a simulated Tasmota from its own console (the simulator's side, not the app's). */
async function flash(device: SimulatedTasmota, url: string, version: string): Promise<void> {
  await device.command(`OtaUrl ${url}`);
  await device.command('Upgrade 1');
  await expect.poll(() => device.version, { timeout: 20_000 }).toBe(`${version}(release-tasmota)`);
}

test.describe('mixed fleet', () => {
  test.use({
    fleetOptions: { count: 3, bootTimeMs: 1_000, seed: 21 },
    tasmotaOptions: { count: 4, seed: 22, bootTimeMs: 800 },
  });

  test('a smart group "Tasmota below 14.0" drops a device live when the device is upgraded', async ({
    fleet,
    tasmota,
    broker,
    host,
  }, testInfo) => {
    const firmware = await startFirmwareServer();
    for (const device of tasmota.devices)
      for (const version of VERSIONS) {
        const image = buildEspImage({ chip: device.chip as EspChip, version, build: 'release-tasmota' });
        firmware.put(fileFor(device, version), image);
      }
    try {
      const [old1, old2] = tasmota.devices;
      await flash(old1!, firmware.url(fileFor(old1!, '13.4.0')), '13.4.0');
      await flash(old2!, firmware.url(fileFor(old2!, '13.4.0')), '13.4.0');

      const page = await host.open();
      const ui = new FieldbatchPage(page);
      const discovery = new DiscoveryPanel(page);
      await discovery.open();
      await discovery.addBroker(broker.url);
      await expect(discovery.broker(broker.url)).toContainText('connected');
      await page
        .getByRole('navigation', { name: 'Views' })
        .getByRole('button', { name: 'Inventory' })
        .click();
      const total = fleet.devices.length + tasmota.devices.length;
      await expect(ui.deviceRows()).toHaveCount(total);
      for (const device of [...fleet.devices, ...tasmota.devices]) {
        await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
      }
      await page.screenshot({ path: testInfo.outputPath('01-mixed-fleet.png'), fullPage: true });

      const groups = new GroupsSidebar(page);
      await groups.startSmartGroup('Tasmota below 14.0');
      await groups.chooseFamily('tasmota');
      await groups.typeFirmwareRange('<14.0.0');
      await expect(groups.editorMatches()).toHaveText('Matches 2 devices');
      await groups.saveSmartGroup();
      await expect(groups.count('Tasmota below 14.0')).toHaveText('2');
      await page.screenshot({ path: testInfo.outputPath('02-group.png'), fullPage: true });

      await flash(old1!, firmware.url(fileFor(old1!, '14.3.0')), '14.3.0');
      await expect(groups.count('Tasmota below 14.0')).toHaveText('1');
      await expect(ui.deviceRow(idOf(old1!))).toContainText('14.3.0');
      await page.screenshot({ path: testInfo.outputPath('03-after-upgrade.png'), fullPage: true });
    } finally {
      await firmware.stop();
    }
  });
});
