import { readFileSync } from 'node:fs';
import type { SimulatedShelly } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { DeviceDrawer } from '../pages/device-drawer';
import { FieldbatchPage } from '../pages/fieldbatch-page';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;

test.describe('single-device actions from the drawer', () => {
  test.use({ fleetOptions: { count: 3, bootTimeMs: 3_000, seed: 31 } });

  test('collects a snapshot from one device and shows and downloads the artifact', async ({
    fleet,
    host,
  }, testInfo) => {
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    const target = fleet.devices[1]!;
    await expect(ui.onlineCell(idOf(target))).toHaveAttribute('data-online', 'true');
    await ui.openDevice(idOf(target));
    const drawer = new DeviceDrawer(page);
    await expect(drawer.root.getByText('None collected yet.')).toBeVisible();

    await drawer.collectSnapshot();
    await expect(drawer.actionRun()).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
    await expect(drawer.actionResult()).toContainText('Verified:');
    await expect(drawer.snapshotList()).toHaveCount(1);
    await drawer.viewSnapshot();
    const snapshot = drawer.snapshot();
    await expect(snapshot.getByTestId('artifact-meta')).toContainText('shelly');
    // The device's own identity is in the snapshot: its MAC as the device reports it.
    await expect(snapshot.getByTestId('json-tree')).toContainText(target.mac);
    await snapshot.getByRole('button', { name: 'Expand all' }).click();
    await page.screenshot({ path: testInfo.outputPath('01-snapshot.png'), fullPage: true });
    await snapshot.screenshot({ path: testInfo.outputPath('02-snapshot-viewer.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), drawer.downloadSnapshot()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const saved = JSON.parse(readFileSync(await download.path(), 'utf8')) as unknown;
    expect(JSON.stringify(saved)).toContain(target.mac);

    // Like any job, the action is in the Jobs panel.
    await expect(ui.jobHistory().first()).toContainText('Collect a snapshot of');
    await expect(ui.jobHistory().first()).toContainText('1/1 succeeded');
  });

  test('reboots one device with live progress and the verified result', async ({ fleet, host }, testInfo) => {
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    const target = fleet.devices[0]!;
    const others = fleet.devices.slice(1);
    await expect(ui.onlineCell(idOf(target))).toHaveAttribute('data-online', 'true');
    await ui.openDevice(idOf(target));
    const drawer = new DeviceDrawer(page);

    await drawer.reboot();
    await expect(drawer.actionRun()).toHaveAttribute('data-state', 'running');
    // The driver's own words, pushed live while the device is down.
    await expect(drawer.actionProgress()).toHaveText('rebooting');
    await expect(drawer.actionButton('Collect snapshot')).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('01-rebooting.png'), fullPage: true });

    await expect(drawer.actionRun()).toHaveAttribute('data-state', 'succeeded', { timeout: 60_000 });
    await expect(drawer.actionResult()).toContainText(/Verified: .*uptime/);
    await expect(drawer.actionButton('Collect snapshot')).toBeEnabled();
    expect(target.counters.reboots).toBe(1);
    expect(others.map((d) => d.counters.reboots)).toEqual([0, 0]);
    await expect(ui.monitor()).toHaveAttribute('data-job-state', 'completed');
    await expect(ui.execution(idOf(target))).toHaveAttribute('data-state', 'succeeded');
    await page.screenshot({ path: testInfo.outputPath('02-rebooted.png'), fullPage: true });
  });

  test('changes the configuration through the form generated from the schema, read back from the device', async ({
    fleet,
    host,
  }, testInfo) => {
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    const target = fleet.devices[2]!;
    await expect(ui.onlineCell(idOf(target))).toHaveAttribute('data-online', 'true');
    await ui.openDevice(idOf(target));
    const drawer = new DeviceDrawer(page);
    const form = await drawer.openConfigForm();
    await drawer.configField('Device name').fill('Hall plug');
    await drawer.configField('Latitude').fill('123');
    await drawer.applyConfig();
    await expect(form.getByText('Use 90 or less.')).toBeVisible();
    await drawer.configField('Latitude').fill('48.2');
    await page.screenshot({ path: testInfo.outputPath('01-config-form.png'), fullPage: true });
    await drawer.applyConfig();
    await expect(drawer.actionRun()).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
    await expect(drawer.actionResult()).toContainText('Verified:');
    expect(target.snapshot().config).toMatchObject({ name: 'Hall plug' });
    expect(target.counters.configWrites).toBeGreaterThan(0);
    await page.screenshot({ path: testInfo.outputPath('02-config-applied.png'), fullPage: true });
  });
});
