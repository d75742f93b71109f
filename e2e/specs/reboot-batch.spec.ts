import type { SimulatedShelly } from '../../simulator';
import { waitUntilReady } from '../fixtures/app-host';
import { expect, test } from '../fixtures/test';
import { FieldbatchPage } from '../pages/fieldbatch-page';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;

test.describe('first slice: discover, reboot as a batch, survive reload and restart', () => {
  test.use({ fleetOptions: { count: 6, bootTimeMs: 3_000, seed: 11 } });

  test('discovers the fleet and reboots a selection, verified on each device', async ({
    fleet,
    host,
  }, testInfo) => {
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    await expect(ui.deviceRows()).toHaveCount(fleet.devices.length);
    for (const device of fleet.devices) {
      await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
      await expect(ui.deviceRow(idOf(device))).toContainText(device.model);
    }
    await page.screenshot({ path: testInfo.outputPath('01-discovered.png'), fullPage: true });

    const chosen = fleet.devices.slice(0, 4);
    const untouched = fleet.devices.slice(4);
    await ui.select(chosen.map(idOf));
    await ui.rebootSelected(2);
    await expect(ui.monitor()).toHaveAttribute('data-job-state', 'running');
    const jobId = await ui.monitor().getAttribute('data-job-id');
    // A rebooting device says goodbye on mDNS: the table shows it offline while it boots.
    await expect(page.locator('[data-online="false"]').first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('02-running.png'), fullPage: true });

    await page.reload();
    await waitUntilReady(page);
    await expect(ui.monitor()).toHaveAttribute('data-job-id', jobId!);
    await expect(ui.monitor()).toHaveAttribute('data-job-state', 'running');
    await expect(ui.execution(idOf(chosen[3]!))).not.toHaveAttribute('data-state', 'queued', {
      timeout: 30_000,
    });

    await expect(ui.monitor()).toHaveAttribute('data-job-state', 'completed', { timeout: 60_000 });
    for (const device of chosen)
      await expect(ui.execution(idOf(device))).toHaveAttribute('data-state', 'succeeded');
    await expect(ui.monitor().getByTestId('job-counts')).toHaveText('succeeded: 4');
    for (const device of chosen)
      await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
    expect(chosen.map((d) => d.counters.reboots)).toEqual([1, 1, 1, 1]);
    expect(untouched.map((d) => d.counters.reboots)).toEqual([0, 0]);
    await page.screenshot({ path: testInfo.outputPath('03-completed.png'), fullPage: true });

    await host.restart();
    const after = new FieldbatchPage(await host.open());
    await expect(after.jobHistory()).toHaveCount(1);
    await expect(after.jobHistory().first()).toContainText('4/4 succeeded');
    await expect(after.monitor()).toHaveAttribute('data-job-state', 'completed');
    for (const device of chosen)
      await expect(after.execution(idOf(device))).toHaveAttribute('data-state', 'succeeded');
    await after.page.screenshot({ path: testInfo.outputPath('04-after-restart.png'), fullPage: true });
  });
});

test.describe('bad devices', () => {
  test.use({ fleetOptions: { count: 5, bootTimeMs: 1_500, seed: 12 } });

  test('garbage, HTTP 500 and silence fail with their reason while the rest of the batch succeeds', async ({
    fleet,
    host,
  }, testInfo) => {
    const ui = new FieldbatchPage(await host.open());
    for (const device of fleet.devices)
      await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
    const [garbage, error500, silent, ...healthy] = fleet.devices;
    garbage!.setFault('garbage');
    error500!.setFault('http-500');
    silent!.setFault('hang');

    await ui.page.getByRole('checkbox', { name: 'Select all devices' }).check();
    await ui.rebootSelected(5);
    await expect(ui.monitor()).toHaveAttribute('data-job-state', 'completed', { timeout: 60_000 });
    await expect(ui.execution(idOf(garbage!))).toHaveAttribute('data-state', 'failed');
    await expect(ui.execution(idOf(garbage!))).toContainText(
      'the device sent a reply Fieldbatch does not understand',
    );
    await expect(ui.execution(idOf(error500!))).toContainText('the device reported an error');
    await expect(ui.execution(idOf(error500!))).toContainText('HTTP 500');
    await expect(ui.execution(idOf(silent!))).toContainText('the device did not answer in time');
    for (const device of healthy)
      await expect(ui.execution(idOf(device))).toHaveAttribute('data-state', 'succeeded');
    expect(healthy.map((d) => d.counters.reboots)).toEqual([1, 1]);
    expect([garbage, error500, silent].map((d) => d!.counters.reboots)).toEqual([0, 0, 0]);
    await ui.page.screenshot({ path: testInfo.outputPath('bad-devices.png'), fullPage: true });
  });
});
