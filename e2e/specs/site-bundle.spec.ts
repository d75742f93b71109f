import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { buildShellyFirmwareZip } from '../../simulator';
import { HeadlessHost } from '../fixtures/headless-host';
import { expect, test } from '../fixtures/test';
import { AppShell } from '../pages/app-shell';
import { BundleScreen } from '../pages/bundle-screen';
import { FieldbatchPage } from '../pages/fieldbatch-page';
import { FirmwareScreen } from '../pages/firmware-screen';
import { GroupsSidebar } from '../pages/groups-sidebar';
import { JobWizard } from '../pages/job-wizard';
import { TemplatesScreen } from '../pages/templates-screen';

const GROUP = 'Hall plugs';
const TEMPLATE = 'Hall update';
const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '1024x700', width: 1024, height: 700 },
] as const;

async function shots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const shell = new AppShell(page);
  for (const theme of ['Light', 'Dark'] as const) {
    await shell.chooseTheme(theme);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const file = `${name}-${size.name}-${theme.toLowerCase()}.png`;
      await page.screenshot({ path: testInfo.outputPath(file), fullPage: true });
    }
  }
  await shell.chooseTheme('Light');
  await page.setViewportSize(SIZES[0]);
}

/** The bytes with the last `from` replaced by `to` (same length): in groups.json, the last JSON entry naming it. */
function tampered(bytes: Buffer, from: string, to: string): Buffer {
  const at = bytes.lastIndexOf(from);
  expect(at).toBeGreaterThan(0);
  const copy = Buffer.from(bytes);
  copy.write(to, at, 'latin1');
  return copy;
}

test.describe('offline site bundle', () => {
  test.use({ fleetOptions: { count: 2, bootTimeMs: 1_000, seed: 41 } });

  test('exported at the office, previewed and imported on a fresh install; a tampered copy is refused with its reason', async ({
    fleet,
    host,
    browser,
  }, testInfo) => {
    const app = fleet.devices[0]!.app;
    const image = {
      name: `${app}-1.6.0.zip`,
      bytes: buildShellyFirmwareZip({ app, version: '1.6.0', buildId: '20260101-000000/1.6.0-gaaaaaa' }),
    };
    const office = await host.open();
    const ui = new FieldbatchPage(office);
    await expect(ui.deviceRows()).toHaveCount(fleet.devices.length);
    const library = new FirmwareScreen(office);
    await library.open();
    await library.importFile(image.name, image.bytes);
    await expect(library.upload(image.name)).toHaveAttribute('data-upload-state', 'done');
    const groups = new GroupsSidebar(office);
    await ui.view('Inventory').click();
    await groups.startSmartGroup(GROUP);
    await groups.typeFirmwareRange('<9');
    await groups.saveSmartGroup();
    const wizard = new JobWizard(office);
    await wizard.open();
    await wizard.setName('Update the hall');
    await wizard.chooseGroup(GROUP);
    await wizard.next();
    await wizard.addStep('firmware-update');
    await wizard.chooseImage(image.name);
    await wizard.saveAsTemplate(TEMPLATE);

    const officeBundle = new BundleScreen(office);
    await officeBundle.open();
    const download = await officeBundle.export();
    await expect(officeBundle.exportReport()).toContainText('1 image, 1 template, 1 group, 2 devices');
    const manifestSha = (await officeBundle.exportManifestSha().textContent())!;
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^site-bundle-\d{4}-\d{2}-\d{2}\.fieldbatch\.tar$/);
    await shots(office, testInfo, '01-export');
    // Checked on the computer that made it: its own key, no first-use pin.
    await officeBundle.chooseFile('own.tar', readFileSync(file));
    await expect(officeBundle.chosenFile()).toHaveText(/^own\.tar · \d+\.\d KiB$/);
    await expect(officeBundle.signerStatus()).toHaveAttribute('data-signer-status', 'own');
    await expect(officeBundle.signerStatus()).toHaveText(/^Signed by this computer/);
    await shots(office, testInfo, '01b-own-preview');

    // The site laptop: a second app on its own, empty data directory.
    const siteDir = mkdtempSync(join(tmpdir(), 'fieldbatch-e2e-site-'));
    const siteHost = await HeadlessHost.start({ dataDir: siteDir, browser });
    try {
      const site = await siteHost.open();
      const bundle = new BundleScreen(site);
      await bundle.open();
      const bytes = readFileSync(file);
      await bundle.chooseFile('from-the-office.tar', bytes);
      await expect(bundle.preview()).toBeVisible();
      await expect(bundle.chosenFile()).toContainText('from-the-office.tar · ');
      await expect(bundle.signerStatus()).toHaveAttribute('data-signer-status', 'first-use');
      await expect(bundle.previewManifestSha()).toHaveText(manifestSha);
      await expect(bundle.tally('image', 'added')).toHaveText('1');
      await expect(bundle.tally('template', 'added')).toHaveText('1');
      await expect(bundle.tally('group', 'added')).toHaveText('1');
      await shots(site, testInfo, '02-preview');
      await bundle.import();
      await expect(bundle.imported()).toContainText('Firmware images: 1 added');

      const siteLibrary = new FirmwareScreen(site);
      await siteLibrary.open();
      await expect(siteLibrary.libraryRow(image.name)).toHaveCount(1);
      const templates = new TemplatesScreen(site);
      await templates.open();
      await expect(templates.row(TEMPLATE)).toHaveCount(1);
      await site
        .getByRole('navigation', { name: 'Views' })
        .getByRole('button', { name: 'Inventory' })
        .click();
      await expect(new GroupsSidebar(site).group(GROUP)).toHaveCount(1);

      // A copy changed on the way: the group's name in groups.json no longer has the manifest's hash.
      await bundle.open();
      await bundle.chooseFile('changed.tar', tampered(bytes, `"name": "${GROUP}"`, `"name": "Hall plugz"`));
      await expect(bundle.refusal()).toHaveAttribute('data-problem', 'wrong-hash');
      await expect(bundle.refusal()).toContainText('Wrong hash');
      await expect(bundle.refusal()).toContainText('groups.json does not match the manifest');
      await shots(site, testInfo, '03-refused');

      // An image changed on the way is named by its file name, not its hash path.
      const inImage = bytes.indexOf(image.bytes.subarray(300, 332));
      expect(inImage).toBeGreaterThan(0);
      const badImage = Buffer.from(bytes);
      badImage.write('XXXX', inImage + 4, 'latin1');
      await bundle.chooseFile('changed-image.tar', badImage);
      await expect(bundle.refusal()).toHaveAttribute('data-problem', 'wrong-hash');
      await expect(bundle.refusal()).toContainText(`${image.name} (firmware/`);

      // Another kind of file altogether: said in plain words.
      await bundle.chooseFile('notes.tar', Buffer.from('Hall plugs: update on Tuesday.\n'.repeat(30)));
      await expect(bundle.refusal()).toHaveText(
        'This is not a Fieldbatch site bundle (it is not an archive). Nothing was changed on this computer.',
      );
      await expect(bundle.chosenFile()).toHaveText('notes.tar · 930 B');
      await shots(site, testInfo, '04-not-a-bundle');
    } finally {
      await siteHost.stop();
      rmSync(siteDir, { recursive: true, force: true });
    }
  });
});
