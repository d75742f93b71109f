import { join } from 'node:path';
import Database from 'better-sqlite3';
import { screens } from '../fixtures/screens';
import { expect, test } from '../fixtures/test';
import { AuditScreen } from '../pages/audit-screen';
import { CredentialsScreen } from '../pages/credentials-screen';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { JobWizard } from '../pages/job-wizard';
import { RunMonitor } from '../pages/run-monitor';

const OPERATOR = 'Maria Técnica';
const PASSWORD = 'e2e-audit-Pa55word!';

test.describe('audit log', () => {
  test.use({ operator: null, fleetOptions: { count: 3, bootTimeMs: 4_000, seed: 31 } });

  test('asks who is working, then every change shows with that name in the Audit log', async ({
    fleet,
    host,
    dataDir,
  }, testInfo) => {
    const page = await host.open();
    const audit = new AuditScreen(page);
    await expect(audit.operatorDialog()).toBeVisible();
    await screens(page, testInfo, '01-who-is-working');
    await audit.nameOperator(OPERATOR);
    await expect(audit.operatorDialog()).toBeHidden();
    await expect(audit.operator()).toContainText(OPERATOR);

    // A credential change: audited, its password nowhere.
    const credentials = new CredentialsScreen(page);
    await credentials.open();
    await credentials.create({ name: 'Site admin', password: PASSWORD, siteDefault: true });
    await expect(credentials.row('Site admin')).toBeVisible();

    // A job started, paused and resumed from the monitor.
    const ui = new FieldbatchPage(page);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inventory' }).click();
    for (const device of fleet.devices)
      await expect(ui.onlineCell(`mac:${device.mac.toLowerCase()}`)).toHaveAttribute('data-online', 'true');
    const groups = new GroupsSidebar(page);
    await groups.startSmartGroup('Audit fleet');
    await groups.chooseFamily('shelly');
    await groups.saveSmartGroup();
    const wizard = new JobWizard(page);
    await wizard.open();
    await wizard.setName('Audited reboot');
    await wizard.chooseGroup('Audit fleet');
    await wizard.next();
    await wizard.addStep('reboot');
    await wizard.next();
    await wizard.setPolicy({ concurrency: 1, retries: 0 });
    await wizard.dryRun();
    await wizard.start();
    const monitor = new RunMonitor(page);
    await monitor.control('Pause').click();
    await expect(monitor.root).toHaveAttribute('data-job-state', 'paused', { timeout: 30_000 });
    await monitor.resume();
    await expect(monitor.root).not.toHaveAttribute('data-job-state', 'paused');
    const jobId = await monitor.jobId();

    await audit.open();
    // A log this short is walked again on opening: the time shown is that of a full check.
    await expect(audit.chainState()).toContainText(/Chain intact: \d+ entries \(fully checked at [^;]+\)/);
    await expect(audit.root.getByText(/^Times in /)).toBeVisible();
    await expect(audit.alteredBadge()).toHaveCount(0);
    for (const words of [
      'Named the operator',
      'Saved a credential set',
      'Started a job',
      'Paused a job',
      'Resumed a job',
    ])
      await expect(audit.row(words)).toContainText(OPERATOR);
    await expect(audit.row('Started a job')).toContainText('Audited reboot');
    await expect(audit.row('Paused a job').locator(`[data-job-id="${jobId}"]`)).toHaveText('Audited reboot');
    await expect(audit.root).not.toContainText(PASSWORD);

    await audit.filterByAction('Jobs');
    await expect(audit.rows()).toHaveCount(3);
    await audit.search('Site admin');
    await expect(audit.rows()).toHaveCount(0);
    await audit.filterByAction('All actions');
    await audit.search('Site admin');
    await expect(audit.rows()).toHaveCount(1);
    await audit.search('');
    await audit.filterByOperator('someone else');
    await expect(audit.rows()).toHaveCount(0);
    await audit.filterByOperator(OPERATOR.toLowerCase());
    await expect(audit.row('Named the operator')).toHaveCount(1);
    await audit.filterByOperator('');
    // Details in words: no upload handles, ids or raw JSON.
    const details = await audit.root.locator('.audit-details').allTextContents();
    expect(details.join(' | ')).not.toMatch(/upl_|job_|grp_|\{/);
    await screens(page, testInfo, '02-audit-log');

    // The name survives a reload of the window (same session); the header can change it.
    await page.reload();
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
    await expect(audit.operator()).toContainText(OPERATOR);
    await expect(audit.operatorDialog()).toBeHidden();

    // Someone edits an entry in the database file with the app stopped: the next start finds it.
    await host.stop();
    const db = new Database(join(dataDir, 'fieldbatch.db'));
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = 'Someone else' WHERE seq = 2");
    db.close();
    await host.restart();
    const next = new AuditScreen(await host.open());
    await expect(next.operatorDialog().getByLabel('Your name')).toHaveValue(OPERATOR);
    await next.nameOperator(OPERATOR);
    // Outside the Audit view too, from start-up: the header says the log was altered.
    await expect(next.alteredBadge()).toBeVisible();
    await screens(next.page, testInfo, '03-altered-badge-inventory');
    await next.open();
    await expect(next.chainState()).toContainText('Chain broken at entry 2: edited or removed');
    await expect(next.root.locator('tr.audit-row-bad')).toHaveAttribute('data-audit-seq', '2');
    await screens(next.page, testInfo, '03-chain-broken');
  });
});
