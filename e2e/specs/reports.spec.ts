import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { HandoverReportSchema } from '../../shared/domain/report';
import { buildShellyFirmwareZip, type SimulatedShelly } from '../../simulator';
import { localDay } from '../../shared/util/local-day';
import { parseCsv } from '../../test-support/reports/parse-csv';
import { screens } from '../fixtures/screens';
import { expect, test } from '../fixtures/test';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { FirmwareScreen } from '../pages/firmware-screen';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { JobWizard } from '../pages/job-wizard';
import { ReportExport } from '../pages/report-export';
import { RunMonitor } from '../pages/run-monitor';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;
const NEW_VERSION = '1.6.0';
const OPERATOR = 'Ada Lovelace';
const GROUP = 'Shelly below 1.6';
const JOB = 'Hand over 1.6.0';
const imageFile = (app: string) => `${app}-1.6.0.zip`;

test.describe('handover report', () => {
  test.use({ operator: OPERATOR, fleetOptions: { count: 4, bootTimeMs: 1_000, seed: 61 } });

  test('a finished firmware run exports as CSV, JSON and PDF from its monitor, and as a site visit', async ({
    fleet,
    host,
  }, testInfo) => {
    const before = new Map(fleet.devices.map((d) => [idOf(d), d.ver]));
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    for (const device of fleet.devices)
      await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');

    const library = new FirmwareScreen(page);
    await library.open();
    const apps = [...new Set(fleet.devices.map((d) => d.app))];
    for (const app of apps) {
      const zip = buildShellyFirmwareZip({
        app,
        version: NEW_VERSION,
        buildId: '20250901-101010/1.6.0-gfeed123',
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
    await groups.saveSmartGroup();
    await expect(groups.count(GROUP)).toHaveText(String(fleet.devices.length));

    const wizard = new JobWizard(page);
    await wizard.open();
    await wizard.setName(JOB);
    await wizard.chooseGroup(GROUP);
    await wizard.next();
    await wizard.addStep('firmware-update');
    for (const app of apps) await wizard.chooseImage(imageFile(app));
    await wizard.next();
    await wizard.setPolicy({ concurrency: 4 });
    await wizard.dryRun();
    await expect(wizard.planSummary()).toHaveText('4 devices will run, 0 skipped.');
    await wizard.start();

    const monitor = new RunMonitor(page);
    await expect(monitor.root).toHaveAttribute('data-job-state', 'completed', { timeout: 90_000 });
    await expect(monitor.counts()).toHaveText(['succeeded: 4']);
    const jobId = await monitor.jobId();
    const reports = new ReportExport(page);
    await expect(reports.runButtons().getByRole('button')).toHaveText(['CSV', 'JSON', 'PDF']);
    await reports.runButtons().scrollIntoViewIfNeeded();
    await screens(page, testInfo, '01-export-report');

    const csvFile = await reports.exportRun('CSV');
    const csvText = readFileSync((await csvFile.path())!, 'utf8');
    const [header, ...rows] = parseCsv(csvText);
    expect(csvText.endsWith('\r\n')).toBe(true);
    expect(rows).toHaveLength(4);
    const col = (name: string) => header!.indexOf(name);
    for (const row of rows) {
      expect(row[col('firmware_before')]).toContain(before.get(row[col('device_id')]!)!);
      expect(row[col('firmware_after')]).toContain(NEW_VERSION);
      expect(row[col('outcome')]).toBe('succeeded');
      expect(row[col('operators')]).toBe(OPERATOR);
    }

    const jsonFile = await reports.exportRun('JSON');
    const report = HandoverReportSchema.parse(JSON.parse(readFileSync((await jsonFile.path())!, 'utf8')));
    expect(report).toMatchObject({ schemaVersion: 1, scope: { kind: 'job', jobId }, operators: [OPERATOR] });
    expect(report.summary.byOutcome.succeeded).toBe(4);
    expect(report.runs[0]).toMatchObject({ name: JOB, state: 'completed', devices: 4 });
    expect(report.audit.map((e) => e.action)).toContain('jobs.start');
    expect(report.progress.points.at(-1)?.finished).toBe(4);
    expect(report.summary).toMatchObject({ distinctDevices: 4, deviceRuns: 4 });
    expect(report.auditChain).toMatchObject({ intact: true, brokenAt: null });
    // Named by the run's name and the day it started, not its id.
    const runDay = localDay(report.runs[0]!.startedAt!);
    expect(csvFile.suggestedFilename()).toBe(`handover-Hand-over-1-6-0-${runDay}.csv`);
    expect(jsonFile.suggestedFilename()).toBe(`handover-Hand-over-1-6-0-${runDay}.json`);

    const pdfFile = await reports.exportRun('PDF');
    const pdfPath = testInfo.outputPath('report.pdf');
    await pdfFile.saveAs(pdfPath);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('Handover report');
    expect(text).toMatch(/Devices:\s+4/);
    expect(text).toMatch(/Device runs:\s+4/);
    expect(text).toContain('Started a job');
    expect(text).not.toContain('jobs.start');
    expect(text).not.toContain('was altered');
    expect(text).toMatch(/succeeded\s+4/);
    expect(text).toContain(OPERATOR);
    const transition = report.summary.versionTransitions[0]!;
    expect(text).toContain(`${transition.from} -> ${transition.to}`);
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-png',
      '-f',
      '1',
      '-l',
      '2',
      pdfPath,
      testInfo.outputPath('report-page'),
    ]);
    expect(statSync(testInfo.outputPath('report-page-1.png')).size).toBeGreaterThan(5_000);

    // The site visit: today's runs, this one among them.
    await reports.visit().scrollIntoViewIfNeeded();
    await screens(page, testInfo, '02-site-visit');
    const visitFile = await reports.exportVisit('JSON');
    const visit = HandoverReportSchema.parse(JSON.parse(readFileSync((await visitFile.path())!, 'utf8')));
    expect(visit.scope.kind).toBe('visit');
    expect(visit.runs.map((r) => r.jobId)).toContain(jobId);
    const today = localDay(Date.now());
    expect(visitFile.suggestedFilename()).toBe(`site-visit-${today}-to-${today}.json`);
    // Days with no run: refused in plain words, nothing saved.
    await reports.setVisitDays('2026-01-05', '2026-01-06');
    await reports.clickVisit('PDF');
    await expect(reports.visit().getByRole('alert')).toHaveText(
      'No runs started between 5 Jan and 6 Jan 2026. Choose the days the runs were started on.',
    );
    await screens(page, testInfo, '03-site-visit-no-runs');
    await reports.setVisitDays('2026-12-09', '2026-12-01');
    await expect(reports.visit().getByRole('alert')).toHaveText('The last day is before the first day.');
    await expect(reports.visit().getByRole('button', { name: 'PDF', exact: true })).toBeDisabled();
  });
});
