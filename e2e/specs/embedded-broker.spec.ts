import { startTasmotaFleet, type TasmotaFleet } from '../../simulator';
import { screens } from '../fixtures/screens';
import { expect, test } from '../fixtures/test';
import { DiscoveryPanel } from '../pages/discovery-panel';
import { FieldbatchPage } from '../pages/fieldbatch-page';

const idOf = (device: { mac: string }) => `mac:${device.mac.toLowerCase()}`;

test.describe('the built-in site broker, from the Discovery view', () => {
  test('start it, point a Tasmota device at it with the line it shows, see the device, stop it', async ({
    host,
  }, testInfo) => {
    let fleet: TasmotaFleet | undefined;
    try {
      const page = await host.open();
      const ui = new FieldbatchPage(page);
      const discovery = new DiscoveryPanel(page);
      await discovery.open();
      const section = page.getByRole('region', { name: 'Site broker (built in)' });
      const status = section.getByRole('status', { name: 'Site broker status' });
      // The badge says it once: "stopped", not "stopped Stopped".
      await expect(status).toHaveText('stopped');

      // Wrong values are caught at the field, in words, before anything is sent.
      await section.getByLabel('Network interface').selectOption('127.0.0.1');
      await section.getByLabel('User name devices log in with').fill('site');
      await section.getByLabel('Port (empty: as last time, first time 1883)').fill('70000');
      await section.getByLabel('Password devices log in with').fill('short');
      await section.getByRole('button', { name: 'Start broker' }).click();
      await expect(section.getByText('A port from 1 to 65535.')).toBeVisible();
      await expect(section.getByText('At least 8 characters.')).toBeVisible();
      await expect(section.getByText(/invalid input/)).toHaveCount(0);
      await screens(section, testInfo, 'site-broker-refused');

      await section.getByLabel('Port (empty: as last time, first time 1883)').fill('');
      await section.getByLabel('Password devices log in with').fill('tasmota-42');
      await section.getByRole('button', { name: 'Start broker' }).click();
      await expect(status).toContainText(
        /running on 127\.0\.0\.1:\d+ · 0 devices connected · announced as _mqtt\._tcp/,
      );
      // Discovery is connected to it: the brokers list says so, and its announcement is recognised as its own.
      const brokers = page.getByRole('region', { name: 'MQTT brokers' });
      await expect(brokers.getByRole('listitem', { name: 'Built-in site broker' })).toContainText(
        /Built-in site broker · connected · 127\.0\.0\.1:\d+/,
        { timeout: 15_000 },
      );
      await expect(brokers.getByText('No broker configured.')).toHaveCount(0);
      await expect(
        page.getByRole('table', { name: 'Discovery sources' }).locator('[data-source="mqtt"]'),
      ).toContainText('1 broker connected');
      await screens(brokers, testInfo, 'site-broker-brokers-section');

      // The technician types what the app shows into the device's console; the simulator's console does the same.
      const backlog = (await section.getByLabel('Tasmota command').textContent())!;
      expect(backlog).toMatch(
        /^Backlog MqttHost 127\.0\.0\.1; MqttPort \d+; MqttUser site; MqttPassword tasmota-42$/,
      );
      fleet = await startTasmotaFleet({ count: 1, seed: 42, bootTimeMs: 500 });
      const device = fleet.devices[0]!;
      await device.command(backlog);
      await expect(status).toContainText('1 device connected', { timeout: 30_000 });
      await screens(section, testInfo, 'site-broker-running');

      await page
        .getByRole('navigation', { name: 'Views' })
        .getByRole('button', { name: 'Inventory' })
        .click();
      await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true', { timeout: 30_000 });
      await page.screenshot({ path: testInfo.outputPath('site-broker-inventory.png') });

      await discovery.open();
      await section.getByRole('button', { name: 'Stop broker' }).click();
      await expect(status).toHaveText('stopped');
      await expect(section.getByLabel('Tasmota command')).toHaveCount(0);
      await screens(section, testInfo, 'site-broker-stopped');
      await page
        .getByRole('navigation', { name: 'Views' })
        .getByRole('button', { name: 'Inventory' })
        .click();
      await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'false', { timeout: 30_000 });
    } finally {
      await fleet?.stop();
    }
  });
});
