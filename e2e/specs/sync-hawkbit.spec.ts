import { buildShellyFirmwareZip, type SimulatedShelly } from '../../simulator';
import { HawkbitStub } from '../../test-support/sync/hawkbit-stub';
import { mintTestCertificates } from '../../test-support/sync/test-pki';
import { expect, test } from '../fixtures/test';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { FirmwareScreen } from '../pages/firmware-screen';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { JobWizard } from '../pages/job-wizard';
import { RunMonitor } from '../pages/run-monitor';
import { SyncScreen } from '../pages/sync-screen';

const idOf = (device: SimulatedShelly) => `mac:${device.mac.toLowerCase()}`;
const NEW_VERSION = '1.6.0';
const GROUP = 'Shelly below 1.6';

test.describe('hawkBit', () => {
  test.use({ fleetOptions: { count: 2, bootTimeMs: 1_000, seed: 62 } });

  test('a firmware update done on site is reported to hawkBit as an offline assignment', async ({
    fleet,
    host,
  }, testInfo) => {
    const certificates = mintTestCertificates();
    const hawkbit = new HawkbitStub(certificates, {
      authorization: `Basic ${Buffer.from('site-tool:s3cret').toString('base64')}`,
      targets: fleet.devices.map(idOf),
      distributionSets: [{ id: 42, name: 'Shelly Gen2', version: NEW_VERSION }],
    });
    const url = await hawkbit.start();
    try {
      const page = await host.open();
      const ui = new FieldbatchPage(page);
      for (const device of fleet.devices)
        await expect(ui.onlineCell(idOf(device))).toHaveAttribute('data-online', 'true');
      const sync = new SyncScreen(page);
      await sync.open();
      await sync.addHawkbitTarget({
        name: 'hawkBit',
        url,
        username: 'site-tool',
        password: 's3cret',
        caPem: certificates.caPem,
      });
      await expect(sync.state('hawkBit')).toHaveText(/^Synced/);

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
        await library.importFile(`${app}-${NEW_VERSION}.zip`, zip);
        await expect(library.upload(`${app}-${NEW_VERSION}.zip`)).toHaveAttribute(
          'data-upload-state',
          'done',
        );
      }
      await ui.view('Inventory').click();
      const groups = new GroupsSidebar(page);
      await groups.startSmartGroup(GROUP);
      await groups.chooseFamily('shelly');
      await groups.typeFirmwareRange(`<${NEW_VERSION}`);
      await groups.saveSmartGroup();
      const wizard = new JobWizard(page);
      await wizard.open();
      await wizard.setName('Firmware 1.6.0');
      await wizard.chooseGroup(GROUP);
      await wizard.next();
      await wizard.addStep('firmware-update');
      for (const app of apps) await wizard.chooseImage(`${app}-${NEW_VERSION}.zip`);
      await wizard.next();
      await wizard.setPolicy({ concurrency: 2 });
      await wizard.dryRun();
      await wizard.start();
      const monitor = new RunMonitor(page);
      await expect(monitor.root).toHaveAttribute('data-job-state', 'completed', { timeout: 90_000 });
      await expect(monitor.counts()).toHaveText(['succeeded: 2']);

      await sync.open();
      await expect(sync.state('hawkBit')).toHaveText(/^Synced · last success/);
      await expect(sync.pending('hawkBit')).toHaveText('0');
      for (const device of fleet.devices) expect(hawkbit.installed.get(idOf(device))).toEqual([42]);
      const assignments = hawkbit.requests.filter((r) => r.method === 'POST');
      expect(assignments.map((r) => r.path).sort()).toEqual(
        fleet.devices
          .map((d) => `/rest/v1/targets/${encodeURIComponent(idOf(d))}/assignedDS?offline=true`)
          .sort(),
      );
      await page.screenshot({ path: testInfo.outputPath('sync-hawkbit-synced.png') });
    } finally {
      await hawkbit.stop();
      certificates.cleanup();
    }
  });
});
