import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { SimulatedShelly } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { HistoryScreen } from '../pages/history-screen';
import { JobWizard } from '../pages/job-wizard';
import { RunMonitor } from '../pages/run-monitor';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;
const GROUP = 'All Shelly';
const JOB = 'Nightly snapshot';

async function shoot(page: Page, path: string, size: { width: number; height: number }, theme: string) {
  await page.setViewportSize(size);
  await page.getByLabel('Colour theme').selectOption(theme);
  await page.screenshot({ path, fullPage: false });
}

test.describe('history', () => {
  test.use({ fleetOptions: { count: 3, bootTimeMs: 500, seed: 23 } });

  test('a finished run is found by device, group, outcome and words; the device timeline downloads its snapshot', async ({
    fleet,
    host,
  }, testInfo) => {
    const page = await host.open();
    await page.setViewportSize({ width: 1440, height: 900 });
    const ui = new FieldbatchPage(page);
    for (const device of fleet.devices)
      await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');

    const groups = new GroupsSidebar(page);
    await groups.startSmartGroup(GROUP);
    await groups.chooseFamily('shelly');
    await groups.saveSmartGroup();
    await expect(groups.count(GROUP)).toHaveText(String(fleet.devices.length));

    const wizard = new JobWizard(page);
    await wizard.open();
    await wizard.setName(JOB);
    await wizard.chooseGroup(GROUP);
    await wizard.next();
    await wizard.addStep('collect');
    await wizard.next();
    await wizard.dryRun();
    await wizard.start();
    const monitor = new RunMonitor(page);
    await expect(monitor.root).toHaveAttribute('data-job-state', 'completed', { timeout: 30_000 });
    const jobId = await monitor.jobId();

    const history = new HistoryScreen(page);
    await history.open();
    await expect(history.summary()).toHaveText(`${fleet.devices.length} device runs found, newest first.`);

    const first = fleet.devices[0]!;
    const firstId = idOf(first);
    // By device: the device's one run.
    await history.chooseDevice(firstId);
    await expect(history.hits()).toHaveCount(1);
    await expect(history.hit(firstId)).toHaveAttribute('data-job-id', jobId);
    // By group and outcome: the group's three successes; no failure.
    await history.chooseDevice('');
    await history.chooseGroup(GROUP);
    await history.toggleOutcome('succeeded');
    await expect(history.hits()).toHaveCount(fleet.devices.length);
    await history.toggleOutcome('succeeded');
    await history.toggleOutcome('failed');
    await expect(history.summary()).toHaveText('Nothing in the history matches.');
    await history.clear();
    // By words: the job's name; the Wi-Fi network only the snapshot files name (simulator's Sys config); a
    // device's MAC; and FTS syntax, searched for literally.
    await history.searchText('nightly');
    await expect(history.hits()).toHaveCount(fleet.devices.length);
    await history.searchText('fieldbatch-sim');
    await expect(history.hits()).toHaveCount(fleet.devices.length);
    for (const [size, name] of [
      [{ width: 1440, height: 900 }, '1440'],
      [{ width: 1024, height: 700 }, '1024'],
    ] as const) {
      await shoot(page, testInfo.outputPath(`history-${name}-light.png`), size, 'light');
      await shoot(page, testInfo.outputPath(`history-${name}-dark.png`), size, 'dark');
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByLabel('Colour theme').selectOption('light');

    await history.searchText(`"unterminated ${first.mac.toLowerCase()}`);
    await expect(history.summary()).toHaveText('Nothing in the history matches.');
    await history.searchText(first.mac.toUpperCase());
    await expect(history.hits()).toHaveCount(1);
    await expect(history.hit(firstId)).toBeVisible();
    await expect(history.usage()).toContainText('Database');
    await expect(history.usage()).toContainText(`in ${fleet.devices.length} files`);
    const outcomes = history.root.getByRole('group', { name: 'Outcome' }).getByRole('checkbox');
    await expect(outcomes).toHaveCount(5);

    // The device's timeline in its drawer: the run, its steps, and its snapshot downloaded.
    await history.openDeviceOf(firstId);
    await expect(history.timeline()).toHaveCount(1);
    await expect(history.timeline().first()).toHaveAttribute('data-job-id', jobId);
    await expect(history.timeline().first()).toContainText(JOB);
    await page.screenshot({ path: testInfo.outputPath('history-drawer-timeline.png') });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      history.timeline().first().getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const saved = readFileSync((await download.path())!, 'utf8');
    expect(saved.toLowerCase()).toContain(first.mac.toLowerCase());

    // A snapshot viewed from the drawer stays in the drawer: History shows no copy of it.
    await history.timeline().first().getByRole('button', { name: 'View' }).click();
    await page
      .getByRole('dialog', { name: 'Device details' })
      .getByRole('button', { name: 'Close', exact: true })
      .click();
    await expect(history.snapshotPanel()).toHaveCount(0);
    await expect(history.root.getByRole('region', { name: 'Snapshot', exact: true })).toHaveCount(0);

    // Back in History: the snapshot opens in a panel in view, with the focus; Escape closes it, and so does a
    // new search.
    await history.hit(firstId).getByRole('button', { name: 'View snapshot' }).click();
    await expect(history.snapshotPanel().getByTestId('json-tree')).toBeInViewport();
    await expect(history.snapshotPanel()).toBeFocused();
    await page.screenshot({ path: testInfo.outputPath('history-snapshot-1440.png') });
    await page.keyboard.press('Escape');
    await expect(history.snapshotPanel()).toHaveCount(0);
    await history.hit(firstId).getByRole('button', { name: 'View snapshot' }).click();
    await expect(history.snapshotPanel()).toBeVisible();
    await history.searchText('no such words anywhere');
    await expect(history.summary()).toHaveText('Nothing in the history matches.');
    await expect(history.snapshotPanel()).toHaveCount(0);
    await history.searchText(first.mac.toUpperCase());

    // Retention: a wrong value is named at its own field.
    const days = history.root.getByLabel('Keep finished runs for (days)');
    await days.fill('0.5');
    await expect(days).toHaveAttribute('aria-invalid', 'true');
    await expect(history.root.getByLabel('Keep snapshots up to (MB)')).toHaveAttribute(
      'aria-invalid',
      'false',
    );
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect(history.root.getByRole('button', { name: 'Save and apply' })).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath('history-retention-error-1024.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
    await days.fill('');

    await history.hit(firstId).getByRole('button', { name: JOB }).click();
    await expect(monitor.root).toHaveAttribute('data-job-id', jobId);
    await expect(monitor.executions()).toHaveCount(fleet.devices.length);
  });
});
