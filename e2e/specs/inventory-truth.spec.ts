import { buildShellyFirmwareZip, type SimulatedShelly } from '../../simulator';
import { expect, test } from '../fixtures/test';
import { DiscoveryPanel } from '../pages/discovery-panel';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { FirmwareScreen } from '../pages/firmware-screen';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { JobWizard } from '../pages/job-wizard';
import { RunMonitor } from '../pages/run-monitor';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;
const NEW_VERSION = '1.6.0';
const GROUP = `Below ${NEW_VERSION}`;
const TEMPLATE = 'Boiler room to 1.6.0';

test.describe('inventory truth: a device added by address', () => {
  // No mDNS: nothing announces the device again after its update, so only the job can tell the inventory.
  test.use({ fleetOptions: { count: 1, bootTimeMs: 1_000, seed: 171, mdns: false } });

  test('shows the version a verified job read back at once; its smart group and the next dry run follow', async ({
    fleet,
    host,
  }, testInfo) => {
    const device = fleet.devices[0]!;
    const oldVersion = device.ver;
    const fileName = `${device.app}-${NEW_VERSION}.zip`;
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    const discovery = new DiscoveryPanel(page);
    await discovery.open();
    await discovery.addManual(`127.0.0.1:${device.port}`);
    await expect(discovery.manualAddResult()).toContainText('Added');

    const library = new FirmwareScreen(page);
    await library.open();
    await library.importFile(
      fileName,
      buildShellyFirmwareZip({
        app: device.app,
        version: NEW_VERSION,
        buildId: `20260101-000000/${NEW_VERSION}-gabc1234`,
      }),
    );
    await expect(library.upload(fileName)).toHaveAttribute('data-upload-state', 'done');

    await ui.view('Inventory').click();
    await expect(ui.deviceRow(idOf(device))).toContainText(oldVersion);
    const groups = new GroupsSidebar(page);
    await groups.startSmartGroup(GROUP);
    await groups.typeFirmwareRange(`<${NEW_VERSION}`);
    await groups.saveSmartGroup();
    await expect(groups.count(GROUP)).toHaveText('1');

    await ui.select([idOf(device)]);
    const wizard = new JobWizard(page);
    await wizard.open();
    await wizard.setName('Update the boiler room');
    await wizard.root.getByRole('button', { name: 'Add the inventory selection (1)' }).click();
    await wizard.next();
    await wizard.addStep('firmware-update');
    await wizard.chooseImage(fileName);
    await wizard.next();
    await wizard.dryRun();
    await expect(wizard.planRow(idOf(device))).toContainText(`${oldVersion} → ${NEW_VERSION}`);
    await wizard.saveAsTemplate(TEMPLATE);
    await expect(wizard.templateStatus()).toContainText(TEMPLATE);
    await wizard.start();

    const monitor = new RunMonitor(page);
    await expect(monitor.root).toHaveAttribute('data-job-state', 'completed', { timeout: 90_000 });
    await expect(monitor.execution(idOf(device))).toHaveAttribute('data-state', 'succeeded');
    expect(device.ver).toBe(NEW_VERSION);
    await page.screenshot({ path: testInfo.outputPath('01-job-done.png'), fullPage: true });

    await ui.view('Inventory').click();
    await expect(ui.deviceRow(idOf(device))).toContainText(NEW_VERSION);
    await expect(ui.deviceRow(idOf(device))).not.toContainText(oldVersion);
    await expect(groups.count(GROUP)).toHaveText('0');
    await page.screenshot({ path: testInfo.outputPath('02-inventory-updated.png'), fullPage: true });

    // The same template planned again: the device is on the target now, so it is skipped, saying so.
    await wizard.open();
    await wizard.startFromTemplate(`${TEMPLATE} (v1)`);
    await wizard.next();
    await wizard.next();
    await wizard.dryRun();
    await expect(wizard.planSummary()).toContainText('0 devices will run');
    await expect(wizard.planRow(idOf(device))).toHaveAttribute('data-skipped', 'already-on-target');
    await expect(wizard.planRow(idOf(device))).toContainText(`already on ${NEW_VERSION}`);
    await page.screenshot({ path: testInfo.outputPath('03-second-dry-run.png'), fullPage: true });
  });
});

test.describe('no device vanishes', () => {
  test.use({ fleetOptions: { count: 2, bootTimeMs: 1_000, seed: 172, faults: { 1: 'http-500' } } });

  test('lists an announced device answering HTTP 500 as not identified, with its reason, until it answers', async ({
    fleet,
    host,
  }, testInfo) => {
    const [healthy, broken] = fleet.devices as [SimulatedShelly, SimulatedShelly];
    const page = await host.open();
    const ui = new FieldbatchPage(page);
    await expect(ui.onlineCell(idOf(healthy))).toHaveAttribute('data-online', 'true');
    await expect(ui.deviceRow(idOf(broken))).toHaveCount(0);

    // The inventory says it is there and leads to the discovery view, which lists it with its reason.
    await expect(page.getByTestId('unidentified-notice')).toContainText('1 device answered');
    await page.screenshot({ path: testInfo.outputPath('01-inventory-notice.png'), fullPage: true });
    await page.getByRole('button', { name: 'See why in Discovery' }).click();
    const discovery = new DiscoveryPanel(page);
    const row = discovery.root
      .getByRole('table', { name: 'Devices not identified' })
      .locator(`tr[data-unidentified-address="127.0.0.1:${broken.port}"]`);
    await expect(row).toContainText('announced on mDNS');
    await expect(row).toContainText('HTTP 500');
    await page.screenshot({ path: testInfo.outputPath('02-not-identified.png'), fullPage: true });

    broken.setFault(null);
    await expect(row).toHaveCount(0, { timeout: 30_000 });
    await ui.view('Inventory').click();
    await expect(ui.onlineCell(idOf(broken))).toHaveAttribute('data-online', 'true');
  });
});
