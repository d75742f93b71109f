import type { Page } from '@playwright/test';
import type { SimulatedShelly } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { RunMonitor } from '../pages/run-monitor';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;

/** The changed screen as a technician sees it, on a laptop and on a small screen. */
async function shoot(page: Page, path: (name: string) => string, name: string): Promise<void> {
  for (const [width, height] of [
    [1440, 900],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path(`${name}-${width}x${height}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function allOnline(ui: FieldbatchPage, devices: readonly SimulatedShelly[]): Promise<void> {
  for (const device of devices)
    await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
}

test.describe('safe by default', () => {
  test.use({ fleetOptions: { count: 4, bootTimeMs: 4_000, seed: 31 } });

  test('cancel asks and names the device mid-reboot, whose reboot then finishes; the reboot confirmation calls out hidden selected devices', async ({
    fleet,
    host,
  }, testInfo) => {
    const out = (name: string) => testInfo.outputPath(name);
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    await allOnline(ui, fleet.devices);

    await page.getByRole('checkbox', { name: 'Select all devices' }).check();
    await page.getByLabel('Concurrency').fill('1');
    await page.getByRole('button', { name: 'Reboot selected' }).click();
    const rebootConfirm = page.getByRole('group', { name: 'Confirm reboot' });
    await expect(rebootConfirm.getByRole('list', { name: 'Devices to reboot' }).locator('li')).toHaveCount(4);
    await expect(page.getByTestId('hidden-selected')).toHaveCount(0);
    await rebootConfirm.getByRole('button', { name: 'Confirm reboot' }).click();

    const monitor = new RunMonitor(page);
    const running = monitor.root.locator('tr[data-state="running"]');
    await expect(running).toHaveCount(1, { timeout: 20_000 });
    const midReboot = (await running.getAttribute('data-execution-device'))!;
    const midName = (await running.locator('td').first().textContent())!;
    await monitor.control('Cancel job').click();
    const confirm = monitor.cancelConfirm();
    await expect(confirm).toContainText('3 devices not started yet are canceled at once and get nothing.');
    await expect(confirm).toContainText('1 device has a step under way. It is not cut off');
    await expect(confirm.getByRole('list', { name: 'Devices with a step under way' })).toContainText(
      `${midName}: reboot`,
    );
    await shoot(page, out, '01-cancel-asks');
    await confirm.getByRole('button', { name: 'Cancel job' }).click();
    await expect(monitor.root).toHaveAttribute('data-job-state', 'canceled', { timeout: 30_000 });
    // The reboot already sent was not called "canceled": it finished and was verified on the device.
    await expect(monitor.execution(midReboot)).toHaveAttribute('data-state', 'succeeded');
    await expect(monitor.counts()).toHaveText(['succeeded: 1', 'canceled: 3']);
    for (const device of fleet.devices)
      expect(device.counters.reboots).toBe(idOf(device) === midReboot ? 1 : 0);

    // Every device selected, then a filter showing one: the three hidden ones are called out.
    const [shown] = fleet.devices;
    await page.getByRole('checkbox', { name: 'Select all devices' }).check();
    await ui.filterBox().fill(shown!.mac.toLowerCase());
    await expect(ui.deviceRows()).toHaveCount(1);
    await page.getByRole('button', { name: 'Reboot selected' }).click();
    const hidden = page.getByTestId('hidden-selected');
    await expect(hidden).toContainText(
      '3 selected devices are hidden by the filter and will be rebooted too',
    );
    await expect(rebootConfirm.locator('li', { hasText: '(hidden by the filter)' })).toHaveCount(3);
    await shoot(page, out, '02-reboot-hidden-selected');
    await hidden.getByRole('button', { name: 'Leave them out' }).click();
    await expect(rebootConfirm).toContainText('Reboot 1 device, 1 at a time?');
    await expect(rebootConfirm.getByRole('list', { name: 'Devices to reboot' }).locator('li')).toHaveCount(1);
    await expect(page.getByTestId('hidden-selected')).toHaveCount(0);
    await rebootConfirm.getByRole('button', { name: 'Cancel' }).click();
  });
});

test.describe('retry and undo', () => {
  test.use({ fleetOptions: { count: 3, bootTimeMs: 1_000, seed: 32 } });

  test('retry failed shows its own dry run with an editable policy; a removed group comes back with Undo', async ({
    fleet,
    host,
  }, testInfo) => {
    const out = (name: string) => testInfo.outputPath(name);
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    await allOnline(ui, fleet.devices);
    const [broken, ...healthy] = fleet.devices;
    broken!.setFault('garbage');

    await page.getByRole('checkbox', { name: 'Select all devices' }).check();
    await ui.rebootSelected(3);
    const monitor = new RunMonitor(page);
    await expect(monitor.root).toHaveAttribute('data-job-state', 'completed', { timeout: 30_000 });
    await expect(monitor.execution(idOf(broken!))).toHaveAttribute('data-state', 'failed');
    const firstRun = await monitor.jobId();

    await monitor.control('Retry failed').click();
    const dialog = monitor.retryDialog();
    const rows = dialog.getByRole('table', { name: 'Devices to retry' }).locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-retry-device', idOf(broken!));
    await expect(rows.first()).toContainText('bad-reply');
    await expect(dialog.getByTestId('retry-summary')).toHaveText('1 device will run: wave 1: 1 device.');
    // Nothing started yet: the old run is still the one shown.
    await expect(monitor.root).toHaveAttribute('data-job-id', firstRun);
    await dialog.getByRole('combobox', { name: 'Canary' }).selectOption('count');
    await dialog.getByLabel('Retries per device').fill('1');
    await dialog.getByLabel('Concurrency').fill('2');
    await expect(dialog.getByTestId('retry-summary')).toHaveText(
      '1 device will run: wave 1 (canary): 1 device.',
    );
    await shoot(page, out, '03-retry-dry-run');
    broken!.setFault(null);
    await dialog.getByRole('button', { name: 'Start retry' }).click();
    await expect(monitor.root).not.toHaveAttribute('data-job-id', firstRun);
    await expect(monitor.root).toHaveAttribute('data-job-state', 'completed', { timeout: 30_000 });
    await expect(monitor.execution(idOf(broken!))).toHaveAttribute('data-state', 'succeeded');
    expect(healthy.map((d) => d.counters.reboots)).toEqual([1, 1]);

    await ui.view('Inventory').click();
    const groups = new GroupsSidebar(page);
    await groups.startSmartGroup('Hall plugs');
    await groups.chooseFamily('shelly');
    await groups.saveSmartGroup();
    await expect(groups.count('Hall plugs')).toHaveText('3');
    await groups.deleteGroup('Hall plugs');
    await expect(groups.group('Hall plugs')).toHaveCount(0);
    const toast = page.getByTestId('undo-toast');
    await expect(toast).toContainText('Removed group “Hall plugs”');
    await shoot(page, out, '04-undo-group');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(groups.count('Hall plugs')).toHaveText('3');
    await expect(toast).toHaveCount(0);
  });
});
