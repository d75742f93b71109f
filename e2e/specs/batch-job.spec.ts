import { buildShellyFirmwareZip, type SimulatedShelly } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { FirmwareScreen } from '../pages/firmware-screen';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { JobWizard } from '../pages/job-wizard';
import { RunMonitor } from '../pages/run-monitor';
import { TemplatesScreen } from '../pages/templates-screen';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;
const NEW_VERSION = '1.6.0';
const NEW_FW_ID = '20250901-101010/1.6.0-gfeed123';
/** One real Mongoose OS zip per app, named as its manifest directory (`<app>-<version>`). */
const imageFile = (app: string) => `${app}-1.6.0.zip`;
const GROUP = 'Shelly below 1.6';
const JOB = 'Roll out 1.6.0';
const TEMPLATE = 'Firmware 1.6.0 rollout';

test.describe('batch job', () => {
  test.use({ fleetOptions: { count: 8, bootTimeMs: 1_000, seed: 61 } });

  test('a firmware job over a smart group pauses on its abort threshold, resumes, and its failures are retried', async ({
    fleet,
    host,
  }, testInfo) => {
    const byId = new Map(fleet.devices.map((d) => [idOf(d), d]));
    const oldVersion = new Map(fleet.devices.map((d) => [idOf(d), d.ver]));
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    for (const device of fleet.devices)
      await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');

    // A real zip names one app, so one image per app in the fleet makes the whole group runnable.
    const library = new FirmwareScreen(page);
    await library.open();
    const apps = [...new Set(fleet.devices.map((d) => d.app))];
    for (const app of apps) {
      const zip = buildShellyFirmwareZip({
        app,
        version: NEW_VERSION,
        buildId: NEW_FW_ID,
        partSize: 200_000,
      });
      await library.importFile(imageFile(app), zip);
      await expect(library.upload(imageFile(app))).toHaveAttribute('data-upload-state', 'done');
    }

    await ui.view('Inventory').click();
    const groups = new GroupsSidebar(page);
    await groups.startSmartGroup(GROUP);
    await groups.chooseFamily('shelly');
    await groups.typeFirmwareRange(`<${NEW_VERSION}`);
    await expect(groups.editorMatches()).toHaveText(`Matches ${fleet.devices.length} devices`);
    await groups.saveSmartGroup();
    await expect(groups.count(GROUP)).toHaveText(String(fleet.devices.length));

    const wizard = new JobWizard(page);
    await wizard.open();
    await expect(wizard.currentPage()).toHaveText('Targets');
    await wizard.setName(JOB);
    await wizard.chooseGroup(GROUP);
    await wizard.next();
    await expect(wizard.currentPage()).toHaveText('Steps');
    await wizard.addStep('firmware-update');
    for (const app of apps) await wizard.chooseImage(imageFile(app));
    await wizard.next();
    await expect(wizard.currentPage()).toHaveText('Policy');
    // A gate of 30 % lets the run go on past a wave with 1 of 3 succeeded: the abort threshold, not the gate,
    // is what this run stops on.
    await wizard.setPolicy({
      concurrency: 2,
      retries: 0,
      canaryCount: 1,
      waveSizes: [3],
      gateSuccessPercent: 30,
      gateAdvance: 'auto',
      abort: { failurePercent: 20, minExecuted: 2, action: 'pause' },
    });
    await wizard.dryRun();
    await expect(wizard.currentPage()).toHaveText('Dry run');
    await expect(wizard.planSummary()).toHaveText('8 devices will run, 0 skipped.');
    await expect(wizard.planWaves()).toHaveText([
      'Canary: 1 device',
      'Wave 1: 3 devices',
      'Wave 2: 4 devices',
    ]);
    for (const device of fleet.devices) {
      await expect(wizard.planRow(idOf(device))).toContainText(`${device.ver} → ${NEW_VERSION}`);
    }
    await expect(wizard.firmwareServerVerdict()).toBeVisible();
    const [canary] = await wizard.devicesInWave('Canary');
    const firstWave = await wizard.devicesInWave('Wave 1');
    expect(firstWave).toHaveLength(3);
    // With concurrency 2 the first two devices of wave 1 start together: both are in flight when the first
    // failure trips the threshold, so both have failed before the run is resumed.
    const failing = firstWave.slice(0, 2).map((id) => byId.get(id)!);
    const healthy = fleet.devices.filter((d) => !failing.includes(d));
    await page.screenshot({ path: testInfo.outputPath('01-dry-run.png'), fullPage: true });

    await wizard.saveAsTemplate(TEMPLATE, 'canary 1, wave of 3, then the rest');
    await expect(wizard.templateStatus()).toHaveText(`Saved as template “${TEMPLATE}”, version 1.`);

    for (const device of failing) device.setFault({ kind: 'ota-download-error' });
    await wizard.start();

    const monitor = new RunMonitor(page);
    await expect(monitor.root).toHaveAttribute('data-job-state', 'paused', { timeout: 60_000 });
    await expect(monitor.pauseReason()).toHaveAttribute('data-pause-reason', 'abort-threshold');
    await expect(monitor.pauseReason()).toHaveText(
      'Paused: too many devices failed: 50.0 % failed (limit 20 %) after 2 devices',
    );
    await expect(monitor.execution(canary!)).toHaveAttribute('data-state', 'succeeded');
    for (const device of failing) {
      await expect(monitor.execution(idOf(device))).toHaveAttribute('data-state', 'failed');
      await expect(monitor.execution(idOf(device))).toContainText('the device reported an error');
      await expect(monitor.execution(idOf(device))).toContainText('ota_error');
    }
    await expect(monitor.counts()).toHaveText(['queued: 5', 'succeeded: 1', 'failed: 2']);
    await expect(monitor.wave(0)).toHaveAttribute('data-wave-state', 'done');
    await expect(monitor.wave(1)).toHaveAttribute('data-wave-state', 'open');
    await expect(monitor.log().filter({ hasText: 'paused by the failure limit' })).not.toHaveCount(0);
    // Paused: only the canary has been flashed, and the failed downloads flashed nothing.
    expect(fleet.devices.map((d) => d.counters.flashes).reduce((a, b) => a + b)).toBe(1);
    expect(failing.map((d) => d.counters.otaFailures)).toEqual([1, 1]);
    await page.screenshot({ path: testInfo.outputPath('02-paused-on-abort.png'), fullPage: true });

    await monitor.resume();
    await expect(monitor.root).toHaveAttribute('data-job-state', 'completed', { timeout: 90_000 });
    await expect(monitor.counts()).toHaveText(['succeeded: 6', 'failed: 2']);
    await expect(monitor.finished()).toHaveText('8/8 finished');
    for (const device of healthy)
      await expect(monitor.execution(idOf(device))).toHaveAttribute('data-state', 'succeeded');
    for (const device of failing)
      await expect(monitor.execution(idOf(device))).toHaveAttribute('data-state', 'failed');
    expect(healthy.map((d) => [d.ver, d.counters.flashes])).toEqual(healthy.map(() => [NEW_VERSION, 1]));
    expect(failing.map((d) => [d.ver, d.counters.flashes])).toEqual(
      failing.map((d) => [oldVersion.get(idOf(d)), 0]),
    );
    await monitor.filterByState('failed');
    await expect(monitor.executions()).toHaveCount(2);
    await page.screenshot({ path: testInfo.outputPath('03-first-run-done.png'), fullPage: true });
    const firstRun = await monitor.jobId();

    // The smart group follows the fleet: only the two devices still below the new version remain in it.
    await ui.view('Inventory').click();
    await expect(groups.count(GROUP)).toHaveText('2');
    await monitor.open();

    for (const device of failing) device.setFault(null);
    await monitor.retryFailed();
    await expect(monitor.root).not.toHaveAttribute('data-job-id', firstRun);
    await expect(monitor.retryOf()).toHaveText(`Retry of ${JOB}`);
    await expect(monitor.root).toHaveAttribute('data-job-state', 'completed', { timeout: 60_000 });
    await expect(monitor.counts()).toHaveText(['succeeded: 2']);
    await expect(monitor.executions()).toHaveCount(2);
    for (const device of failing)
      await expect(monitor.execution(idOf(device))).toHaveAttribute('data-state', 'succeeded');
    const retryRun = await monitor.jobId();
    expect(failing.map((d) => [d.ver, d.counters.flashes])).toEqual(failing.map(() => [NEW_VERSION, 1]));
    expect(healthy.map((d) => d.counters.flashes)).toEqual(healthy.map(() => 1));

    await expect(monitor.historyEntries()).toHaveCount(2);
    await expect(monitor.historyEntries().first()).toHaveAttribute('data-job-id', retryRun);
    await expect(monitor.historyOutcome(retryRun)).toHaveText('2/2 succeeded');
    await expect(monitor.historyEntry(retryRun)).toContainText(`${JOB} (retry)`);
    await expect(monitor.historyEntry(retryRun)).toContainText(`retry of ${JOB}`);
    await expect(monitor.historyEntry(firstRun)).toHaveAttribute('data-job-state', 'completed');
    await expect(monitor.historyOutcome(firstRun)).toHaveText('6/8 succeeded · 2 failed');
    await page.screenshot({ path: testInfo.outputPath('04-retried.png'), fullPage: true });

    // The first run keeps its own record: its two devices stay failed there.
    await monitor.openRun(firstRun);
    await expect(monitor.root).toHaveAttribute('data-job-id', firstRun);
    await expect(monitor.counts()).toHaveText(['succeeded: 6', 'failed: 2']);

    await ui.view('Inventory').click();
    await expect(groups.count(GROUP)).toHaveText('0');

    const templates = new TemplatesScreen(page);
    await templates.open();
    await expect(templates.row(TEMPLATE)).toContainText('v1');
    await templates.openHistory(TEMPLATE);
    await expect(templates.versions(TEMPLATE)).toHaveCount(1);
    await expect(templates.versions(TEMPLATE)).toContainText('canary 1, wave of 3, then the rest');
    await page.screenshot({ path: testInfo.outputPath('05-template.png'), fullPage: true });
  });
});
