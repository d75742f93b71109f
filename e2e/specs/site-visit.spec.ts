import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandoverReportSchema } from '../../shared/domain/report';
import { buildShellyFirmwareZip, type SimulatedShelly } from '../../simulator';
import { parseCsv } from '../../test-support/reports/parse-csv';
import { HeadlessHost } from '../fixtures/headless-host';
import { backOffice } from '../fixtures/back-office';
import { expect, test } from '../fixtures/test';
import { BundleScreen } from '../pages/bundle-screen';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { FirmwareScreen } from '../pages/firmware-screen';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { HistoryScreen } from '../pages/history-screen';
import { JobWizard } from '../pages/job-wizard';
import { ReportExport } from '../pages/report-export';
import { RunMonitor } from '../pages/run-monitor';
import { SyncScreen } from '../pages/sync-screen';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;
const NEW_VERSION = '1.6.0';
const GROUP = 'Hall plugs below 1.6';
const TEMPLATE = 'Hall plugs to 1.6.0';
const JOB = 'Hall plugs visit';
const PREFIX = 'site-visit-e2e';

// Issue 11's "done when", as one technician's day: the office prepares a bundle; on site the laptop imports it,
// runs the update, finds it in History, hands over the report in three formats and syncs to the back office.
test.describe('a site visit from bundle to back office', () => {
  test.use({ fleetOptions: { count: 3, bootTimeMs: 1_000, seed: 111 } });

  test('bundle in, firmware run, history, CSV/JSON/PDF report, synced over MQTT', async ({
    fleet,
    broker,
    host,
    browser,
  }, testInfo) => {
    test.setTimeout(180_000);
    const apps = [...new Set(fleet.devices.map((d) => d.app))];
    const imageOf = (app: string) => `${app}-${NEW_VERSION}.zip`;

    // The office: images, a smart group and a template, exported as one bundle.
    const officeDir = mkdtempSync(join(tmpdir(), 'fieldbatch-e2e-office-'));
    const officeHost = await HeadlessHost.start({ dataDir: officeDir, browser });
    let bundleFile: string;
    try {
      const office = await officeHost.open();
      const officeUi = new FieldbatchPage(office);
      for (const device of fleet.devices)
        await expect(officeUi.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
      const library = new FirmwareScreen(office);
      await library.open();
      for (const app of apps) {
        const zip = buildShellyFirmwareZip({
          app,
          version: NEW_VERSION,
          buildId: `20260101-000000/${NEW_VERSION}-gabc1234`,
        });
        await library.importFile(imageOf(app), zip);
        await expect(library.upload(imageOf(app))).toHaveAttribute('data-upload-state', 'done');
      }
      await officeUi.view('Inventory').click();
      const groups = new GroupsSidebar(office);
      await groups.startSmartGroup(GROUP);
      await groups.chooseFamily('shelly');
      await groups.typeFirmwareRange(`<${NEW_VERSION}`);
      await groups.saveSmartGroup();
      const wizard = new JobWizard(office);
      await wizard.open();
      await wizard.setName(JOB);
      await wizard.chooseGroup(GROUP);
      await wizard.next();
      await wizard.addStep('firmware-update');
      for (const app of apps) await wizard.chooseImage(imageOf(app));
      await wizard.saveAsTemplate(TEMPLATE);
      await expect(wizard.templateStatus()).toHaveText(`Saved as template “${TEMPLATE}”, version 1.`);
      const officeBundle = new BundleScreen(office);
      await officeBundle.open();
      const download = await officeBundle.export();
      bundleFile = testInfo.outputPath(download.suggestedFilename());
      await download.saveAs(bundleFile);
    } finally {
      await officeHost.stop();
      rmSync(officeDir, { recursive: true, force: true });
    }

    // On site: the back office's target first, so every record of the day goes out.
    const { client, records } = await backOffice(broker.url, PREFIX, 'e2e-site-visit-office');
    try {
      const page = await host.open();
      const ui = new FieldbatchPage(page);
      for (const device of fleet.devices)
        await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
      const sync = new SyncScreen(page);
      await sync.open();
      await sync.addMqttTarget({ name: 'Back office', url: broker.url, topicPrefix: PREFIX });
      await expect(sync.state('Back office')).toHaveText(/^Synced/);

      const bundle = new BundleScreen(page);
      await bundle.open();
      await bundle.chooseFile('office.fieldbatch.tar', readFileSync(bundleFile));
      await expect(bundle.tally('image', 'added')).toHaveText(String(apps.length));
      await expect(bundle.tally('template', 'added')).toHaveText('1');
      await bundle.import();
      await expect(bundle.imported()).toContainText(`Firmware images: ${apps.length} added`);

      const wizard = new JobWizard(page);
      await wizard.open();
      await wizard.startFromTemplate(`${TEMPLATE} (v1)`);
      await wizard.next();
      await wizard.next();
      await wizard.dryRun();
      await expect(wizard.planSummary()).toHaveText(`${fleet.devices.length} devices will run, 0 skipped.`);
      await wizard.start();
      const monitor = new RunMonitor(page);
      await expect(monitor.root).toHaveAttribute('data-job-state', 'completed', { timeout: 90_000 });
      const jobId = await monitor.jobId();

      // The handover report in its three formats, from the run's monitor.
      const reports = new ReportExport(page);
      const csv = parseCsv(readFileSync((await (await reports.exportRun('CSV')).path())!, 'utf8'));
      const [header, ...rows] = csv;
      expect(rows).toHaveLength(fleet.devices.length);
      for (const row of rows) expect(row[header!.indexOf('firmware_after')]).toContain(NEW_VERSION);
      const json = HandoverReportSchema.parse(
        JSON.parse(readFileSync((await (await reports.exportRun('JSON')).path())!, 'utf8')),
      );
      expect(json.summary.byOutcome.succeeded).toBe(fleet.devices.length);
      const pdfPath = testInfo.outputPath('handover.pdf');
      await (await reports.exportRun('PDF')).saveAs(pdfPath);
      const pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
      expect(pdfText).toMatch(new RegExp(`Devices:\\s+${fleet.devices.length}`));
      expect(pdfText).toContain(`-> ${NEW_VERSION}`);

      // History finds the run by its name and by each device.
      const history = new HistoryScreen(page);
      await history.open();
      await history.searchText(JOB);
      await expect(history.hits()).toHaveCount(fleet.devices.length);
      for (const device of fleet.devices)
        await expect(history.hit(idOf(device))).toHaveAttribute('data-job-id', jobId);

      // Synced: nothing waits, and the back office holds one execution record per device.
      await sync.open();
      await expect(sync.pending('Back office')).toHaveText('0', { timeout: 30_000 });
      await expect(sync.state('Back office')).toHaveText(/^Synced · last success/);
      const executions = () => [...records.keys()].filter((id) => id.startsWith(`exec:${jobId}:`));
      await expect.poll(() => executions().length).toBe(fleet.devices.length);
      expect([...records.values()].some((r) => r.kind === 'audit.entry')).toBe(true);
      await page.screenshot({ path: testInfo.outputPath('site-visit-synced.png') });
    } finally {
      await client.endAsync();
    }
  });
});
