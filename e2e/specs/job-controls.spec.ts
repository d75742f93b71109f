import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { ShellyFleet, SimulatedShelly } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { JobWizard } from '../pages/job-wizard';
import { RunMonitor } from '../pages/run-monitor';
import { TemplatesScreen } from '../pages/templates-screen';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;
const GROUP = 'All Shelly';
const JOB = 'Reboot the floor';
const TEMPLATE = 'Floor reboot';

/** Waits for the whole fleet to be online and saves it as the smart group GROUP. */
async function groupTheFleet(page: Page, fleet: ShellyFleet): Promise<void> {
  const ui = new FieldbatchPage(page);
  for (const device of fleet.devices)
    await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
  const groups = new GroupsSidebar(page);
  await groups.startSmartGroup(GROUP);
  await groups.chooseFamily('shelly');
  await expect(groups.editorMatches()).toHaveText(`Matches ${fleet.devices.length} devices`);
  await groups.saveSmartGroup();
}

test.describe('job controls and templates', () => {
  test.use({ fleetOptions: { count: 6, bootTimeMs: 1_000, seed: 23 } });

  test('a manual wave gate waits for Next wave; held devices wait for a decision; the job is canceled', async ({
    fleet,
    host,
  }, testInfo) => {
    const byId = new Map(fleet.devices.map((d) => [idOf(d), d]));
    const page = await host.open();
    await groupTheFleet(page, fleet);

    const wizard = new JobWizard(page);
    await wizard.open();
    await wizard.setName(JOB);
    await wizard.chooseGroup(GROUP);
    await wizard.next();
    await wizard.addStep('reboot');
    await wizard.next();
    await wizard.setPolicy({
      concurrency: 1,
      retries: 0,
      canaryCount: 1,
      waveSizes: [2],
      gateAdvance: 'manual',
    });
    await wizard.dryRun();
    await expect(wizard.planWaves()).toHaveText([
      'Canary: 1 device',
      'Wave 1: 2 devices',
      'Wave 2: 3 devices',
    ]);
    const [canary] = await wizard.devicesInWave('Canary');
    const firstWave = await wizard.devicesInWave('Wave 1');
    const [runs, released, canceled] = await wizard.devicesInWave('Wave 2');
    await wizard.start();

    const monitor = new RunMonitor(page);
    await expect(monitor.root).toHaveAttribute('data-job-state', 'paused', { timeout: 30_000 });
    await expect(monitor.pauseReason()).toHaveAttribute('data-pause-reason', 'wave-gate');
    await expect(monitor.execution(canary!)).toHaveAttribute('data-state', 'succeeded');
    for (const id of firstWave) await expect(monitor.execution(id)).toHaveAttribute('data-state', 'queued');
    expect(byId.get(canary!)!.counters.reboots).toBe(1);
    expect(firstWave.map((id) => byId.get(id)!.counters.reboots)).toEqual([0, 0]);

    await monitor.control('Next wave').click();
    await expect(monitor.pauseReason()).toHaveAttribute('data-pause-reason', 'wave-gate', {
      timeout: 30_000,
    });
    for (const id of firstWave)
      await expect(monitor.execution(id)).toHaveAttribute('data-state', 'succeeded');

    // Two devices of the last wave are held before it opens: only the third one runs.
    await monitor.deviceControl(released!, 'Hold').click();
    await monitor.deviceControl(canceled!, 'Hold').click();
    await expect(monitor.deviceControl(released!, 'Release')).toBeVisible();
    await expect(monitor.deviceControl(canceled!, 'Release')).toBeVisible();
    await monitor.control('Next wave').click();
    await expect(monitor.execution(runs!)).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
    await expect(monitor.pauseReason()).toHaveAttribute('data-pause-reason', 'needs-decision');
    await page.screenshot({ path: testInfo.outputPath('01-held.png'), fullPage: true });

    await monitor.deviceControl(released!, 'Release').click();
    await expect(monitor.execution(released!)).toHaveAttribute('data-state', 'succeeded', {
      timeout: 30_000,
    });
    await expect(monitor.pauseReason()).toHaveAttribute('data-pause-reason', 'needs-decision');
    await monitor.cancelJob();
    await expect(monitor.root).toHaveAttribute('data-job-state', 'canceled');
    await expect(monitor.execution(canceled!)).toHaveAttribute('data-state', 'canceled');
    await expect(monitor.counts()).toHaveText(['succeeded: 5', 'canceled: 1']);
    await page.screenshot({ path: testInfo.outputPath('02-canceled.png'), fullPage: true });

    // Each device the run reached was rebooted once; the canceled one never heard of the job.
    for (const device of fleet.devices) {
      expect(device.counters.reboots).toBe(idOf(device) === canceled ? 0 : 1);
    }
  });

  test('a template gets a new version, is compared, restored, exported and imported again', async ({
    fleet,
    host,
  }, testInfo) => {
    const page = await host.open();
    await groupTheFleet(page, fleet);
    const wizard = new JobWizard(page);
    await wizard.open();
    await wizard.setName(JOB);
    await wizard.chooseGroup(GROUP);
    await wizard.next();
    await wizard.addStep('reboot');
    await wizard.next();
    await wizard.setPolicy({ concurrency: 4 });
    await wizard.saveAsTemplate(TEMPLATE, 'four at a time');
    await expect(wizard.templateStatus()).toHaveText(`Saved as template “${TEMPLATE}”, version 1.`);

    await wizard.startFromTemplate(`${TEMPLATE} (v1)`);
    await expect(wizard.currentPage()).toHaveText('Targets');
    await wizard.next();
    await wizard.next();
    await expect(wizard.currentPage()).toHaveText('Policy');
    await wizard.setPolicy({ concurrency: 8 });
    await wizard.saveAsTemplate(TEMPLATE, 'eight at a time');
    await expect(wizard.templateStatus()).toHaveText(`Saved as template “${TEMPLATE}”, version 2.`);

    const templates = new TemplatesScreen(page);
    await templates.open();
    await expect(templates.row(TEMPLATE)).toContainText('v2');
    await templates.openHistory(TEMPLATE);
    await expect(templates.versions(TEMPLATE)).toHaveCount(2);
    await templates.compare();
    await expect(templates.diffRows(1, 2)).toHaveText([/^spec\.policy\.concurrency\s*4\s*8$/]);

    await templates.restore(1);
    await expect(templates.versions(TEMPLATE)).toHaveCount(3);
    await expect(templates.row(TEMPLATE)).toContainText('v3');
    await templates.compare();
    await expect(templates.diffRows(2, 3)).toHaveText([/^spec\.policy\.concurrency\s*8\s*4$/]);
    await page.screenshot({ path: testInfo.outputPath('01-history.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      templates.exportButton(TEMPLATE, 'YAML').click(),
    ]);
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    expect(readFileSync(file, 'utf8')).toContain('concurrency: 4');

    await templates.importFile(file);
    await expect(templates.importReport()).toContainText('imported as the new template');
    await expect(templates.rows()).toHaveCount(2);
    await page.screenshot({ path: testInfo.outputPath('02-imported.png'), fullPage: true });
  });
});
