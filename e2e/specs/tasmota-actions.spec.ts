import { startTasmotaFleet } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { DeviceDrawer } from '../pages/device-drawer';
import { DiscoveryPanel } from '../pages/discovery-panel';
import { FieldbatchPage } from '../pages/fieldbatch-page';

const idOf = (device: { mac: string }) => `mac:${device.mac.toLowerCase()}`;

async function toInventory(page: FieldbatchPage): Promise<void> {
  await page.page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Inventory' })
    .click();
}

test.describe('Tasmota actions from the running app, over each transport', () => {
  test.use({ fleetOptions: { count: 0, seed: 31 }, tasmotaOptions: { count: 1, seed: 32, bootTimeMs: 800 } });

  test('over MQTT: collect a snapshot and reboot, each verified', async ({
    tasmota,
    broker,
    host,
  }, testInfo) => {
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    const discovery = new DiscoveryPanel(page);
    await discovery.open();
    await discovery.addBroker(broker.url);
    await toInventory(ui);
    const device = tasmota.devices[0]!;
    await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
    await ui.openDevice(idOf(device));
    const drawer = new DeviceDrawer(page);

    await drawer.collectSnapshot();
    await expect(drawer.actionRun()).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
    await expect(drawer.actionResult()).toContainText('over MQTT');
    await drawer.viewSnapshot();
    await expect(drawer.snapshot()).toContainText('StatusFWR');

    const reboots = device.counters.reboots;
    await drawer.reboot();
    await expect(drawer.actionRun()).toHaveAttribute('data-state', 'succeeded', { timeout: 60_000 });
    expect(device.counters.reboots).toBe(reboots + 1);
    await page.screenshot({ path: testInfo.outputPath('tasmota-mqtt.png'), fullPage: true });
  });

  test('over the serial console and over HTTP, for devices without a broker', async ({ host }, testInfo) => {
    const fleet = await startTasmotaFleet({ count: 2, seed: 33, serialCount: 1, bootTimeMs: 800 });
    try {
      const [serialOnly, httpOnly] = fleet.devices;
      const page = await host.open();
      const ui = new FieldbatchPage(page);
      const discovery = new DiscoveryPanel(page);
      await discovery.open();
      await discovery.probePath(serialOnly!.serialPath!);
      await discovery.addManual(`127.0.0.1:${httpOnly!.port}`);
      await expect(discovery.manualAddResult()).toContainText('Added');
      await toInventory(ui);
      const drawer = new DeviceDrawer(page);

      await ui.openDevice(idOf(httpOnly!));
      await drawer.collectSnapshot();
      await expect(drawer.actionRun()).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
      await expect(drawer.actionResult()).toContainText('over HTTP');
      await drawer.close();

      await ui.openDevice(idOf(serialOnly!));
      const reboots = serialOnly!.counters.reboots;
      await drawer.reboot();
      await expect(drawer.actionRun()).toHaveAttribute('data-state', 'succeeded', { timeout: 60_000 });
      await expect(drawer.actionResult()).toContainText('serial');
      expect(serialOnly!.counters.reboots).toBe(reboots + 1);
      await page.screenshot({ path: testInfo.outputPath('tasmota-serial-http.png'), fullPage: true });
    } finally {
      await fleet.stop();
    }
  });
});
